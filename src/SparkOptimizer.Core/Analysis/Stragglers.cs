using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Slow tasks that crowd onto one host of several: a slow node, which speculation beats, rather than costly records.</summary>
public static class Stragglers
{
    /// <summary>The host holding most of the stage's slow tasks (at least 2 x median), when it holds at least speculation.hostShare of them.</summary>
    public static (string Host, int OnHost, int Slow)? OnOneHost(StageInfo stage, Thresholds thresholds)
    {
        if (stage.Tasks.DistinctExecutors < thresholds.Value("speculation.minExecutors"))
        {
            return null;
        }

        var median = stage.Tasks.DurationMs.P50;
        var slow = stage.Tasks.SlowestTasks.Where(s => s.DurationMs >= 2 * median).ToArray();
        var top = slow.GroupBy(s => s.Host ?? s.ExecutorId ?? "?").OrderByDescending(g => g.Count()).FirstOrDefault();
        return top is null || slow.Length < 2 || top.Count() < thresholds.Value("speculation.hostShare") * slow.Length
            ? null
            : (top.Key, top.Count(), slow.Length);
    }
}
