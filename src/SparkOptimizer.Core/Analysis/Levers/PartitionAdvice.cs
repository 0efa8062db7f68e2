using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Levers;

/// <summary>
/// The one place a partition count becomes advice: the stage's own lever (<see cref="PartitionLevers"/>) turned into a
/// setting change, or a code hint naming the call site where no setting reaches the stage, or nothing for Spark's own jobs.
/// </summary>
public static class PartitionAdvice
{
    public static Recommendation? ToPartitions(AnalysisContext context, StageInfo stage, int target, string why, Severity severity)
    {
        var lever = context.Levers.For(stage);
        var env = context.Run.Environment;
        var n = stage.NumTasks;
        var count = target.ToString(CultureInfo.InvariantCulture);
        var site = lever.CallSite ?? stage.Name;
        var read = stage.Tasks.ShuffleReadBytes.Sum > 0 ? stage.Tasks.ShuffleReadBytes.Sum : stage.Tasks.InputBytes.Sum;
        Recommendation Setting(string key, string to, string text) =>
            new(RecommendationKind.Config, $"{text}: {why}", new ConfigChange(key, env.Get(key), to, $"{why}; {lever.Why}") { StageIds = [stage.StageId], Priority = severity })
            {
                StageId = stage.StageId,
                Partitions = target,
                Why = why,
            };
        Recommendation Code(string text) => new(RecommendationKind.Code, $"{text}: {why}") { StageId = stage.StageId, SqlExecutionId = stage.SqlExecutionId, SqlNode = lever.PlanNode, Partitions = target, Why = why };
        switch (lever.Source)
        {
            case PartitionSource.SqlShufflePartitions:
                return Setting("spark.sql.shuffle.partitions", count, $"Set spark.sql.shuffle.partitions to {count} (stage {stage.StageId}: {lever.Why})");
            case PartitionSource.AdaptiveCoalesced when target > n && read > 0:
                var size = new ByteSize(Math.Max(16 * ByteSize.MiB, read / target / ByteSize.MiB * ByteSize.MiB)).ToSparkString();
                return Setting("spark.sql.adaptive.advisoryPartitionSizeInBytes", size, $"Lower spark.sql.adaptive.advisoryPartitionSizeInBytes to {size} so AQE keeps about {count} partitions for stage {stage.StageId} ({lever.Why})");
            case PartitionSource.AdaptiveCoalesced:
                return null;
            case PartitionSource.RddShuffle when lever.ConfKey is { } key:
                return Setting(key, count, $"Set {key} to {count} (stage {stage.StageId}: {lever.Why})");
            case PartitionSource.RddShuffle:
                return Code($"Pass numPartitions={count} to the shuffle at {site} (stage {stage.StageId}: {lever.Why}); spark.default.parallelism does not reach an operation that names its partitions");
            case PartitionSource.CodeRepartition:
                return Code($"Change the repartition({n})/coalesce({n}) behind stage {stage.StageId} at {site} to about {count} partitions, or drop it ({lever.Why}); spark.sql.shuffle.partitions does not change it");
            case PartitionSource.SinglePartition:
                return Code($"Stage {stage.StageId} runs one partition by design ({lever.Why}, at {site}): only restructuring the query (a keyed aggregate, a window with partitionBy, no global sort or limit before the heavy work) spreads it; no setting does");
            case PartitionSource.FileScan when read > 0:
                var bytes = new ByteSize(Math.Max(16 * ByteSize.MiB, read / Math.Max(1, target) / ByteSize.MiB * ByteSize.MiB)).ToSparkString();
                return Setting("spark.sql.files.maxPartitionBytes", bytes, $"Set spark.sql.files.maxPartitionBytes to {bytes} so stage {stage.StageId}'s {Fmt.Bytes(read)} splits into about {count} tasks");
            case PartitionSource.FileScan:
                return null;
            case PartitionSource.UnsplittableFiles:
                return Code($"Stage {stage.StageId} reads files that cannot be split ({lever.Why}): store the input splittable (Parquet/ORC, or bzip2 text) or repartition({count}) right after the read at {site}; spark.sql.files.maxPartitionBytes does not split them");
            case PartitionSource.RddInput:
                return Code($"Read stage {stage.StageId}'s input in about {count} partitions at {site} (textFile/hadoopFile minPartitions, parallelize numSlices), or repartition({count}) after the read");
            case PartitionSource.Internal:
                return null;
            default:
                return Code($"Repartition the data feeding stage {stage.StageId} ({site}) to about {count} partitions ({lever.Why})");
        }
    }
}
