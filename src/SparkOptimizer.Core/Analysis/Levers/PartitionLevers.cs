using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Levers;

/// <summary>
/// Decides, from a stage's SQL plan and RDD lineage, what controls its partition count. spark.sql.shuffle.partitions only
/// for Exchanges whose count comes from it; repartition(n)/coalesce(n) are code; RDD shuffles take spark.default.parallelism
/// only when their count is that default; file scans take the split size unless the files cannot be split; Spark's own
/// listing jobs take nothing.
/// </summary>
public sealed class PartitionLevers(SparkRun run, PlanIndex plans)
{
    private readonly Dictionary<string, PartitionLever> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<int, JobInfo> _jobs = run.Jobs.GroupBy(j => j.JobId).ToDictionary(g => g.Key, g => g.Last());

    public PartitionLever For(StageInfo stage)
    {
        if (!_cache.TryGetValue(stage.Key, out var lever))
        {
            _cache[stage.Key] = lever = Resolve(stage);
        }

        return lever;
    }

    /// <summary>Spark's own job for reading a source (see <see cref="ReadsForSpark"/>): no setting or code of the job's reaches it.</summary>
    public bool IsInternal(StageInfo stage) => For(stage).Source == PartitionSource.Internal;

    /// <summary>
    /// Spark's own jobs for reading a source: the parallel file listing ("Listing leaf files and directories for N paths") and
    /// the schema/footer reads a DataFrameReader runs over parallelize() before any query (no SQL execution, no user RDD).
    /// </summary>
    private bool ReadsForSpark(StageInfo stage) =>
        stage.JobIds.Any(id => _jobs.TryGetValue(id, out var j) && j.Description is { } d && d.StartsWith("Listing leaf files and directories", StringComparison.OrdinalIgnoreCase))
        || (stage.SqlExecutionId is null && stage.Rdds.Count > 0 && stage.Rdds.All(r => r.Name is "ParallelCollectionRDD" or "MapPartitionsRDD")
            && stage.Details is { } details && details.TrimStart().StartsWith("org.apache.spark.sql.DataFrameReader.", StringComparison.Ordinal));

    /// <summary>
    /// True when the stage's shuffle output is a SQL Exchange (its output RDD, the newest of its lineage, is in an Exchange
    /// scope: UnsafeRow or GPU batches, which spark.serializer does not touch); false for RDD shuffles (reduceByKey, repartition
    /// on an RDD, treeAggregate), even when they run over a DataFrame's rows. Without RDD scopes (old logs): a SQL stage.
    /// </summary>
    public static bool WritesSqlExchange(StageInfo stage)
    {
        if (stage.Rdds.Count == 0 || stage.Rdds.All(r => string.IsNullOrEmpty(r.Scope)))
        {
            return stage.SqlExecutionId is not null;
        }

        var output = stage.Rdds.MaxBy(r => r.Id)!;
        return output.Scope?.Contains("Exchange", StringComparison.Ordinal) == true;
    }

    private PartitionLever Resolve(StageInfo stage)
    {
        var n = stage.NumTasks;
        if (ReadsForSpark(stage))
        {
            return new(PartitionSource.Internal, n, null, null, null, "Spark's own parallel file listing: one task per directory, no user data");
        }

        var names = stage.Rdds.Select(r => r.Name).ToArray();
        var callSite = CallSite(stage);
        if (names.Contains("ShuffledRowRDD") || (stage.Tasks.ShuffleReadBytes.Sum > 0 && !names.Contains("ShuffledRDD") && stage.SqlExecutionId is not null))
        {
            return SqlShuffle(stage, callSite);
        }

        if (names.Contains("ShuffledRDD") || stage.Tasks.ShuffleReadBytes.Sum > 0)
        {
            return RddShuffle(stage, names, callSite);
        }

        if (names.Contains("FileScanRDD") || (stage.SqlExecutionId is not null && stage.Tasks.InputBytes.Sum > 0))
        {
            var split = SplitBytes();
            var largest = stage.Tasks.InputBytes.Max;
            if (largest > split * 1.1 && stage.Tasks.SucceededCount > 0)
            {
                return new(PartitionSource.UnsplittableFiles, n, null, callSite, null,
                    $"its tasks read up to {Fmt.Bytes(largest)}, more than the {Fmt.Bytes(split)} split size: the files cannot be split (gzip or a whole-file format), one task per file");
            }

            return new(PartitionSource.FileScan, n, "spark.sql.files.maxPartitionBytes", callSite, null, $"a file scan split at spark.sql.files.maxPartitionBytes ({Fmt.Bytes(split)})");
        }

        if (names.Any(x => x is "HadoopRDD" or "NewHadoopRDD" or "ParallelCollectionRDD" or "ParallelCollectionPartition"))
        {
            return new(PartitionSource.RddInput, n, null, callSite, null, "an RDD input: its splits come from the source (textFile/hadoopFile minPartitions, parallelize numSlices)");
        }

        return new(PartitionSource.Unknown, n, null, callSite, null, "its partition count comes from its parent RDD");
    }

    private PartitionLever SqlShuffle(StageInfo stage, string? callSite)
    {
        var n = stage.NumTasks;
        var configured = PartitionMath.CurrentShufflePartitions(run.Environment);
        var nodes = plans.ExecutionOf(stage)?.Nodes.ToArray() ?? [];
        var exchanges = nodes.Select(x => ExchangePartitioning.Parse(x.NodeName, x.SimpleString)).OfType<ExchangePartitioning>().ToArray();
        var coalesced = nodes.Any(x => x.NodeName is "AQEShuffleRead" or "CustomShuffleReader" or "GpuCustomShuffleReader" or "GpuShuffleCoalesce"
            && x.SimpleString.Contains("coalesced", StringComparison.OrdinalIgnoreCase));
        var exact = exchanges.Where(e => e.Partitions == n).ToArray();
        if (n == 1 && exact.FirstOrDefault(e => e.IsSingle) is { } single)
        {
            return new(PartitionSource.SinglePartition, 1, null, callSite, single.Text, "a single partition by design (SinglePartition: a global aggregate, limit or window without partitionBy)");
        }

        if (exact.FirstOrDefault(e => e.ByNumber) is { } byNumber && (byNumber.Partitions != configured || exact.All(e => e.ByNumber)))
        {
            return new(PartitionSource.CodeRepartition, n, null, callSite, byNumber.Display,
                $"its {n} partitions come from a repartition({n}) in the code ({byNumber.Display})");
        }

        if (exact.Length > 0 && n == configured)
        {
            return new(PartitionSource.SqlShufflePartitions, n, "spark.sql.shuffle.partitions", callSite, exact[0].Display, $"its {n} partitions are spark.sql.shuffle.partitions ({exact[0].Display})");
        }

        if (exact.Length > 0)
        {
            return new(PartitionSource.CodeRepartition, n, null, callSite, exact[0].Display, $"its {n} partitions are fixed in the plan ({exact[0].Display}), not spark.sql.shuffle.partitions ({configured})");
        }

        if (SparkVersions.AqeOn(run) && (coalesced || exchanges.Any(e => e.Partitions > n)) && n < configured)
        {
            return new(PartitionSource.AdaptiveCoalesced, n, "spark.sql.adaptive.advisoryPartitionSizeInBytes", callSite, null,
                $"AQE coalesced the Exchange's {configured} partitions to {n} (spark.sql.adaptive.advisoryPartitionSizeInBytes decides the size)");
        }

        if (exchanges.Length == 0 && n == configured)
        {
            return new(PartitionSource.SqlShufflePartitions, n, "spark.sql.shuffle.partitions", callSite, null, $"its {n} partitions equal spark.sql.shuffle.partitions");
        }

        return new(PartitionSource.Unknown, n, null, callSite, null, $"its {n} partitions match neither spark.sql.shuffle.partitions ({configured}) nor an Exchange of its plan");
    }

    private PartitionLever RddShuffle(StageInfo stage, string[] names, string? callSite)
    {
        var n = stage.NumTasks;
        if (names.Contains("CoalescedRDD") || (callSite is { } c && (c.StartsWith("repartition", StringComparison.Ordinal) || c.StartsWith("coalesce", StringComparison.Ordinal))))
        {
            return new(PartitionSource.CodeRepartition, n, null, callSite, null, $"its {n} partitions come from a repartition({n})/coalesce({n}) in the code ({callSite ?? stage.Name})");
        }

        var parallelism = run.Environment.GetInt("spark.default.parallelism");
        if (parallelism == n)
        {
            return new(PartitionSource.RddShuffle, n, "spark.default.parallelism", callSite, null, $"an RDD shuffle with spark.default.parallelism={n} partitions");
        }

        return new(PartitionSource.RddShuffle, n, null, callSite, null,
            $"an RDD shuffle whose {n} partitions come from the operation ({callSite ?? stage.Name}): its numPartitions argument, or its parent's partitions");
    }

    private long SplitBytes() => RunFacts.Size(run.Environment, "spark.sql.files.maxPartitionBytes", 1) ?? 128 * ByteSize.MiB;

    private static string? CallSite(StageInfo stage) =>
        stage.Rdds.Select(r => r.CallSite).FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? (stage.Name.Length > 0 ? stage.Name : null);
}
