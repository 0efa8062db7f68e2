using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Facts every analyzer needs, derived once from the run: conf sizes with Spark's defaults, executor spans, wall time.</summary>
public sealed record RunFacts(
    long StartMs,
    long EndMs,
    long ExecutorMemoryBytes,
    bool ExecutorMemorySet,
    long OverheadBytes,
    long OffHeapBytes,
    long PySparkMemoryBytes,
    int ExecutorCores,
    int? Instances,
    bool DynamicAllocation,
    long DriverMemoryBytes,
    long DriverOverheadBytes,
    bool LocalMode,
    IReadOnlyList<ExecutorSpan> Executors,
    int PeakCores)
{
    private const long MiB = ByteSize.MiB;

    /// <summary>spark.task.cpus: cores each task holds (default 1).</summary>
    public int TaskCpus { get; init; } = 1;

    /// <summary>Concurrent task slots: cores / spark.task.cpus (8 executors x 4 cores with spark.task.cpus=4 is 8 slots, not 32).</summary>
    public int PeakSlots => Math.Max(1, PeakCores / Math.Max(1, TaskCpus));

    public long WallMs => Math.Max(0, EndMs - StartMs);

    /// <summary>Heap + overhead + off-heap + PySpark: what the container (pod) is sized to.</summary>
    public long ContainerBytes => ExecutorMemoryBytes + OverheadBytes + OffHeapBytes + PySparkMemoryBytes;

    public double CoreCapacityMs => Executors.Sum(e => e.CoreMs);

    public double ExecutorHours => Executors.Sum(e => e.LifetimeMs) / 3_600_000.0;

    public double CoreHours => CoreCapacityMs / 3_600_000.0;

    public static RunFacts From(SparkRun run)
    {
        var env = run.Environment;
        var master = env.Get("spark.master") ?? string.Empty;
        var local = master.StartsWith("local", StringComparison.OrdinalIgnoreCase) || run.Vendor.Platform == Platform.Local;
        var start = run.Application.StartTime?.ToUnixTimeMilliseconds()
            ?? run.Stages.Where(s => s.SubmissionTime is not null).Select(s => s.SubmissionTime!.Value.ToUnixTimeMilliseconds()).DefaultIfEmpty(0).Min();
        var end = (run.Application.EndTime ?? run.Application.LastEventTime)?.ToUnixTimeMilliseconds() ?? start;
        // The heap the log sets, else the platform's default (EMR's spark.emr.default.executor.memory); the container by the one model.
        var container = ExecutorMemory.ForHeap(env.Get, PlatformDefaults.ExecutorMemoryBytes(run) ?? ExecutorMemory.DefaultHeap);
        var (memory, overhead, offHeap) = (container.HeapBytes, container.OverheadBytes, container.OffHeapBytes);
        var driver = ExecutorMemory.From(env.Get, "driver");
        var (driverMemory, driverOverhead) = (driver.HeapBytes, driver.OverheadBytes);
        var spans = Spans(run, local, start, end);
        var cores = PlatformDefaults.ExecutorCores(run)
            ?? spans.Where(s => !s.Executor.IsDriver).Select(s => s.Cores).DefaultIfEmpty(0).Max() switch { > 0 and var c => c, _ => local ? spans.Select(s => s.Cores).DefaultIfEmpty(1).Max() : 1 };
        return new RunFacts(
            start, end, memory, PlatformDefaults.Get(run, PlatformDefaults.ExecutorMemoryKey) is not null, overhead, offHeap, Size(env, "spark.executor.pyspark.memory") ?? 0,
            cores, env.GetInt("spark.executor.instances"), PlatformDefaults.DynamicAllocation(run),
            driverMemory, driverOverhead, local, spans, PeakConcurrentCores(spans))
        {
            TaskCpus = Math.Clamp(env.GetInt("spark.task.cpus") ?? 1, 1, 1024),
        };
    }

    /// <summary>Spark reads bare executor and driver sizes in MiB.</summary>
    internal static long? Size(SparkEnvironment env, string key, long defaultUnit = MiB) =>
        env.Get(key) is { } v && ByteSize.TryParse(v, out var b, defaultUnit) ? b.Bytes : null;

    private static List<ExecutorSpan> Spans(SparkRun run, bool local, long start, long end)
    {
        // In local mode the driver runs the tasks; elsewhere only the worker executors hold task slots.
        var candidates = run.WorkerExecutors.ToList();
        if (candidates.Count == 0 || (local && candidates.All(e => e.TaskCount == 0)))
        {
            candidates = run.Executors.Where(e => e.TaskCount > 0 || e.IsDriver).ToList();
        }

        var spans = new List<ExecutorSpan>();
        foreach (var e in candidates)
        {
            var s = e.AddedAt?.ToUnixTimeMilliseconds() ?? start;
            var f = e.RemovedAt?.ToUnixTimeMilliseconds() ?? end;
            var cores = e.Cores > 0 ? e.Cores : 1;
            var from = Math.Max(s, start);
            spans.Add(new ExecutorSpan(e, from, Math.Max(from, f), cores));
        }

        return spans;
    }

    private static int PeakConcurrentCores(IReadOnlyList<ExecutorSpan> spans)
    {
        var events = spans.SelectMany(s => new[] { (T: s.StartMs, D: s.Cores), (T: s.EndMs, D: -s.Cores) })
            .OrderBy(e => e.T).ThenBy(e => e.D).ToArray();
        int current = 0, peak = 0;
        foreach (var (_, d) in events)
        {
            current += d;
            peak = Math.Max(peak, current);
        }

        return peak;
    }
}
