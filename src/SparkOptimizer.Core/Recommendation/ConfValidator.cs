using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Keeps the emitted conf self-consistent: instances against dynamic allocation, min &lt;= initial &lt;= max executors, AQE's initial
/// partition number with spark.sql.shuffle.partitions, and no change that repeats the current value.
/// </summary>
public static class ConfValidator
{
    public static void Apply(ChangeSet changes, SparkEnvironment env, List<string> notes)
    {
        DynamicAllocation(changes, env, notes);
        AqePartitions(changes, env);
        foreach (var change in changes.Changes)
        {
            if (ConfValue.Same(change.From, change.To) || (change.From is null && ConfValue.Same(env.Get(change.Key), change.To)))
            {
                changes.Remove(change.Key);
            }
            else if (change.FindingIds.Count == 0)
            {
                // Never a change without evidence.
                changes.Remove(change.Key);
                notes.Add($"{change.Key}={change.To} dropped: no finding backs it");
            }
        }
    }

    private static string? Effective(ChangeSet changes, SparkEnvironment env, string key) => changes[key]?.To ?? env.Get(key);

    private static void DynamicAllocation(ChangeSet changes, SparkEnvironment env, List<string> notes)
    {
        var enabled = bool.TryParse(Effective(changes, env, "spark.dynamicAllocation.enabled"), out var e) && e;
        if (!enabled)
        {
            return;
        }

        if (changes["spark.executor.instances"] is { } instances)
        {
            // Under dynamic allocation a fixed count only sets the start; the ceiling is what the sizing meant.
            changes.Remove("spark.executor.instances");
            changes.Add(new ConfigChange("spark.dynamicAllocation.maxExecutors", env.Get("spark.dynamicAllocation.maxExecutors"), instances.To, instances.Reason)
            { FindingIds = instances.FindingIds, StageIds = instances.StageIds, Priority = Severity.Critical });
            notes.Add($"spark.executor.instances={instances.To} expressed as spark.dynamicAllocation.maxExecutors: dynamic allocation is on");
        }

        var min = Int(Effective(changes, env, "spark.dynamicAllocation.minExecutors")) ?? 0;
        var max = Int(Effective(changes, env, "spark.dynamicAllocation.maxExecutors")) ?? int.MaxValue;
        var initial = Int(Effective(changes, env, "spark.dynamicAllocation.initialExecutors"));
        var source = changes["spark.dynamicAllocation.maxExecutors"] ?? changes["spark.dynamicAllocation.minExecutors"] ?? changes["spark.dynamicAllocation.enabled"];
        if (source is null)
        {
            return;
        }

        if (min > max)
        {
            changes.Set(new ConfigChange("spark.dynamicAllocation.minExecutors", env.Get("spark.dynamicAllocation.minExecutors"), max.ToString(CultureInfo.InvariantCulture), $"kept at or below maxExecutors ({max})") { FindingIds = source.FindingIds });
            min = max;
        }

        if (initial is { } i && (i < min || i > max))
        {
            var to = Math.Clamp(i, min, max).ToString(CultureInfo.InvariantCulture);
            changes.Set(new ConfigChange("spark.dynamicAllocation.initialExecutors", env.Get("spark.dynamicAllocation.initialExecutors"), to, $"kept between minExecutors ({min}) and maxExecutors ({max})") { FindingIds = source.FindingIds });
        }

        if (Int(env.Get("spark.executor.instances")) is { } fixedCount && (fixedCount > max || fixedCount < min))
        {
            var to = Math.Clamp(fixedCount, min, max).ToString(CultureInfo.InvariantCulture);
            changes.Set(new ConfigChange("spark.executor.instances", fixedCount.ToString(CultureInfo.InvariantCulture), to, $"kept between minExecutors ({min}) and maxExecutors ({max}): it sets the initial count") { FindingIds = source.FindingIds });
        }
    }

    private static void AqePartitions(ChangeSet changes, SparkEnvironment env)
    {
        if (changes["spark.sql.shuffle.partitions"] is { } partitions && env.Get("spark.sql.adaptive.coalescePartitions.initialPartitionNum") is { } initial)
        {
            changes.Set(new ConfigChange("spark.sql.adaptive.coalescePartitions.initialPartitionNum", initial, partitions.To, $"kept equal to spark.sql.shuffle.partitions ({partitions.Reason})")
            { FindingIds = partitions.FindingIds, StageIds = partitions.StageIds, Priority = partitions.Priority });
        }
    }

    private static int? Int(string? value) => int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
