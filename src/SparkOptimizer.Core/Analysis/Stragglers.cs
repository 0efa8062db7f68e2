using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>
/// Slow tasks that crowd onto one host of several: a slow node, which speculation beats, rather than costly records. A run
/// whose executors all sit on one host has no slower host, and an executor's first tasks (launched within
/// <see cref="ColdStartMs"/> of it registering: JIT-cold JVM, fresh Python workers, first fetch of the jar) are start-up
/// cost, not stragglers.
/// </summary>
public static class Stragglers
{
    public const long ColdStartMs = 10_000;

    /// <summary>The host holding most of the stage's slow tasks (at least 2 x median), when it holds at least speculation.hostShare of them.</summary>
    public static (string Host, int OnHost, int Slow)? OnOneHost(StageInfo stage, Thresholds thresholds, SparkRun run)
    {
        if (stage.Tasks.DistinctExecutors < thresholds.Value("speculation.minExecutors") || Hosts(run) < 2)
        {
            return null;
        }

        var added = run.WorkerExecutors.Where(e => e.AddedAt is not null).GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().AddedAt!.Value.ToUnixTimeMilliseconds());
        var median = stage.Tasks.DurationMs.P50;
        var slow = stage.Tasks.SlowestTasks.Where(s => s.DurationMs >= 2 * median && !IsColdStart(s, added)).ToArray();
        var top = slow.Where(s => s.Host is not null).GroupBy(s => s.Host!).OrderByDescending(g => g.Count()).FirstOrDefault();
        return top is null || slow.Length < 2 || top.Count() < thresholds.Value("speculation.hostShare") * slow.Length
            ? null
            : (top.Key, top.Count(), slow.Length);
    }

    /// <summary>Distinct hosts of the executors that ran tasks.</summary>
    public static int Hosts(SparkRun run) =>
        run.WorkerExecutors.Where(e => e.TaskCount > 0 && e.Host is not null).Select(e => e.Host!).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    private static bool IsColdStart(TaskSample task, IReadOnlyDictionary<string, long> added) =>
        task.ExecutorId is { } id && added.TryGetValue(id, out var at) && task.LaunchTimeMs - at < ColdStartMs;
}
