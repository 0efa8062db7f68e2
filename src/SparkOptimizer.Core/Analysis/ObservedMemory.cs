using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>The most memory the run was seen to use: peak JVM heap and peak process RSS (JVM + Python + other) over the task-running executors, and the driver's.</summary>
public sealed record ObservedMemory(long? PeakHeapBytes, string? PeakHeapExecutor, long? PeakRssBytes, string? PeakRssExecutor, long? DriverPeakHeapBytes, long? DriverPeakRssBytes)
{
    public bool HasHeap => PeakHeapBytes is > 0;

    public static ObservedMemory From(RunFacts facts, SparkRun run)
    {
        long? heap = null, rss = null;
        string? heapId = null, rssId = null;
        foreach (var span in facts.Executors)
        {
            var p = span.Executor.Peaks;
            if (p.JvmHeap is { } h && h > (heap ?? 0))
            {
                heap = h;
                heapId = span.Executor.Id;
            }

            if (Rss(p) is { } r && r > (rss ?? 0))
            {
                rss = r;
                rssId = span.Executor.Id;
            }
        }

        var driver = run.Driver?.Peaks;
        return new ObservedMemory(heap, heapId, rss, rssId, driver?.JvmHeap, driver is null ? null : Rss(driver));
    }

    private static long? Rss(MetricPeaks p) => p.JvmRss is { } jvm ? jvm + (p.PythonRss ?? 0) + (p.OtherRss ?? 0) : null;
}
