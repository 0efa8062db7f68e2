using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Issue 10's skew gate: no partition increase for a stage whose trouble is skew (slowest >= 3 x median and >= 30 s, or
/// largest shuffle read >= 3 x mean and > 100 MB). More partitions leave the hot key in one task.
/// </summary>
public static class SkewGate
{
    public static IReadOnlySet<int> SkewedStages(SparkRun run, Thresholds thresholds) =>
        run.CompletedStages.Where(s => SkewShape.PassesSkewGate(s, thresholds)).Select(s => s.StageId).ToHashSet();

    /// <summary>True when the change raises a partition count (or lowers the split size, which does the same).</summary>
    public static bool IsPartitionIncrease(ConfigChange change, int currentDefaultParallelism)
    {
        double? from;
        switch (change.Key)
        {
            case "spark.sql.shuffle.partitions":
            case "spark.sql.adaptive.coalescePartitions.initialPartitionNum":
                from = ConfValue.Number(change.From) ?? PlatformDefaults.ApacheShufflePartitions;
                return ConfValue.Number(change.To) > from;
            case "spark.default.parallelism":
                from = ConfValue.Number(change.From) ?? currentDefaultParallelism;
                return ConfValue.Number(change.To) > from;
            case "spark.sql.files.maxPartitionBytes":
                from = ConfValue.Number(change.From) ?? 128 * ByteSize.MiB;
                return ConfValue.Number(change.To) < from;
            default:
                return false;
        }
    }

    /// <summary>
    /// The change as the gate lets it through: null when every stage behind it is skewed, else with the skewed stages removed.
    /// A partition increase with no stage behind it passes (it is not about a stage).
    /// </summary>
    public static ConfigChange? Apply(ConfigChange change, IReadOnlySet<int> skewed, int currentDefaultParallelism)
    {
        if (!IsPartitionIncrease(change, currentDefaultParallelism) || change.StageIds.Count == 0)
        {
            return change;
        }

        var clean = change.StageIds.Where(id => !skewed.Contains(id)).ToArray();
        return clean.Length == 0 ? null : clean.Length == change.StageIds.Count ? change : change with { StageIds = clean };
    }
}
