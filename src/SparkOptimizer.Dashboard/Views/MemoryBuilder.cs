using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>Peak heap and RSS of each executor that ran tasks (the driver in local mode) against the configured heap and pod memory.</summary>
public static class MemoryBuilder
{
    public const int MaxExecutors = 24;

    public static IReadOnlyList<MemoryBar> Build(SparkRun run, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Executors
            .Select(s => s.Executor)
            .OrderBy(e => e.IsDriver ? 0 : 1).ThenBy(e => int.TryParse(e.Id, out var n) ? n : int.MaxValue).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(MaxExecutors)
            .Select(e => e.IsDriver
                ? new MemoryBar(e.Id, e.Peaks.JvmHeap, e.Peaks.JvmRss, facts.DriverMemoryBytes, facts.DriverMemoryBytes + facts.DriverOverheadBytes)
                : new MemoryBar(e.Id, e.Peaks.JvmHeap, e.Peaks.JvmRss, facts.ExecutorMemoryBytes, facts.ContainerBytes))
            .ToList();
    }
}
