using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Forecasting;

/// <summary>
/// Which of a finding's changes the replay models, and the replay change they make: executor count, cores and memory,
/// memory fraction and dynamic allocation as settings; every partition lever (spark.sql.shuffle.partitions, the split and
/// advisory sizes, spark.default.parallelism, a repartition(n) in the code) as new task counts for the stages it governs,
/// read from the plan. Everything else is named as not modelled, so no figure is given for it.
/// </summary>
public static class ReplayLevers
{
    private static readonly HashSet<string> Settings = new(StringComparer.Ordinal)
    {
        "spark.executor.instances", "spark.executor.cores", "spark.executor.memory", "spark.driver.memory", "spark.memory.fraction",
        "spark.dynamicAllocation.enabled", "spark.dynamicAllocation.minExecutors", "spark.dynamicAllocation.maxExecutors",
        "spark.dynamicAllocation.initialExecutors", "spark.dynamicAllocation.executorIdleTimeout",
    };

    // Settings that keep a run alive or let another setting work, but do not change its time: modelled as no time change.
    private static readonly HashSet<string> Neutral = new(StringComparer.Ordinal)
    {
        "spark.executor.memoryOverhead", "spark.dynamicAllocation.shuffleTracking.enabled", "spark.shuffle.service.enabled",
    };

    /// <summary>The replay change for <paramref name="finding"/>'s applied changes, and what of them the replay cannot model.</summary>
    public static (SimulationChange? Change, IReadOnlyList<string> NotModelled) For(Finding finding, SparkRun run, PartitionLevers levers)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new Dictionary<int, int>();
        var missing = new List<string>();
        foreach (var rec in finding.Recommendations)
        {
            if (rec.StageId is { } stageId && rec.Partitions is > 0 and var partitions && (rec.Change is not null || rec.Kind == RecommendationKind.Code))
            {
                // The applied value of spark.sql.shuffle.partitions may be another finding's: the stage takes the applied one.
                if (rec.Change is { Key: "spark.sql.shuffle.partitions" } shuffle && int.TryParse(shuffle.To, out var n))
                {
                    stages[stageId] = n;
                    Governed(run, levers, n, stages);
                }
                else
                {
                    stages[stageId] = partitions;
                }

                continue;
            }

            switch (rec.Change)
            {
                case { } c when Settings.Contains(c.Key):
                    settings[c.Key] = c.To;
                    break;
                case { Key: "spark.sql.shuffle.partitions" } c when int.TryParse(c.To, out var n):
                    Governed(run, levers, n, stages);
                    break;
                case { } c when Neutral.Contains(c.Key):
                    break;
                case { } c:
                    missing.Add(c.Key);
                    break;
                case null when rec.Kind == RecommendationKind.Code:
                    missing.Add("a code change");
                    break;
            }
        }

        if (settings.Count == 0 && stages.Count == 0)
        {
            var neutralOnly = missing.Count == 0 && finding.Recommendations.Any(r => r.Change is not null);
            return (neutralOnly ? SimulationChange.None : null, missing.Distinct(StringComparer.Ordinal).ToArray());
        }

        var change = SimulationChange.FromSparkConf(settings) with { StagePartitions = stages.Count > 0 ? stages : null };
        return (change, missing.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>spark.sql.shuffle.partitions reaches only the stages whose Exchange takes it; AQE-coalesced ones only when it caps them.</summary>
    private static void Governed(SparkRun run, PartitionLevers levers, int partitions, Dictionary<int, int> stages)
    {
        foreach (var stage in run.CompletedStages)
        {
            var source = levers.For(stage).Source;
            if (source == PartitionSource.SqlShufflePartitions || (source == PartitionSource.AdaptiveCoalesced && partitions < stage.NumTasks))
            {
                stages.TryAdd(stage.StageId, partitions);
            }
        }
    }
}
