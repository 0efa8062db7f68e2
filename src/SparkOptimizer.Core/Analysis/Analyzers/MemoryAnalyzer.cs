using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// Peak JVM heap against the heap size, peak RSS against the container (heap + overhead + off-heap + PySpark), for executors
/// and the driver; and under-used memory, reported for right-sizing but never lowered from one run (the ratchet needs a cohort).
/// </summary>
public sealed class MemoryAnalyzer : IAnalyzer
{
    public string Id => "memory";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var facts = context.Facts;
        var observed = ObservedMemory.From(facts, context.Run);
        var heap = facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes;
        var memoryKey = facts.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
        if (observed.PeakHeapBytes is { } peakHeap && peakHeap > 0)
        {
            var share = peakHeap / (double)heap;
            var severity = context.Thresholds.Rate("memory.heapUsedShare", share);
            if (severity > Severity.None)
            {
                yield return HeapPressure(context, memoryKey, heap, peakHeap, observed.PeakHeapExecutor, share, severity);
            }
            else if (context.Thresholds.Rate("memory.underusedShare", share) is var under && under > Severity.None
                     && heap >= context.Thresholds.Value("memory.minHeapForRightSizing")
                     && context.Run.Totals.ExecutorRunTimeMs >= context.Thresholds.Value("memory.minRunTimeMsForRightSizing")
                     && context.Run.Totals.FailedTasks == 0)
            {
                yield return Underused(context, memoryKey, heap, peakHeap, observed, share, SeverityScale.Min(under, Severity.Moderate));
            }
        }

        if (!facts.LocalMode && observed.PeakRssBytes is { } rss && rss > 0)
        {
            var share = rss / (double)facts.ContainerBytes;
            var severity = context.Thresholds.Rate("memory.containerUsedShare", share);
            if (severity > Severity.None)
            {
                yield return ContainerPressure(context, rss, observed.PeakRssExecutor, share, severity);
            }
        }

        if (!facts.LocalMode && observed.DriverPeakHeapBytes is { } driverHeap && driverHeap > 0)
        {
            var share = driverHeap / (double)facts.DriverMemoryBytes;
            var severity = context.Thresholds.Rate("memory.heapUsedShare", share);
            if (severity > Severity.None)
            {
                var to = new ByteSize(RoundUp(Math.Max((long)(driverHeap * 1.5), facts.DriverMemoryBytes + ByteSize.GiB)));
                var why = $"driver heap peaked at {Fmt.Pct(share)} of spark.driver.memory";
                yield return new Finding(
                    "memory-driver", "memory", severity, "Driver Memory Pressure", [],
                    [new Evidence("memory.driverHeapShare", share, "ratio", $"Driver heap: peak {Fmt.Bytes(driverHeap)} of {Fmt.Bytes(facts.DriverMemoryBytes)} ({Fmt.Pct(share)} utilized)", ExecutorId: "driver")],
                    "The driver holds broadcast tables, collected results and the plan/metadata of every task; near its heap limit it slows down in GC and then dies.",
                    [new Recommendation(RecommendationKind.Resource, $"Increase spark.driver.memory from {new ByteSize(facts.DriverMemoryBytes).ToSparkString()} to {to.ToSparkString()}: {why}",
                        new ConfigChange("spark.driver.memory", context.Run.Environment.Get("spark.driver.memory"), to.ToSparkString(), why) { Priority = severity })])
                {
                    ExecutorIds = ["driver"],
                    WhatWouldNotHelp = "More executor memory: the pressure is on the driver.",
                    ExpectedImprovement = $"Next run: driver peak heap under 80% (now {Fmt.Pct(share)})",
                };
            }
        }
    }

    internal static long RoundUp(long bytes, long step = 512 * ByteSize.MiB) => (bytes + step - 1) / step * step;

    private static Finding HeapPressure(AnalysisContext context, string key, long heap, long peak, string? executor, double share, Severity severity)
    {
        var run = context.Run;
        var gcShare = run.Totals.ExecutorRunTimeMs > 0 ? run.Totals.GcTimeMs / (double)run.Totals.ExecutorRunTimeMs : 0;
        var spilled = run.Stages.Sum(s => s.Tasks.MemorySpilledBytes.Sum + s.Tasks.DiskSpilledBytes.Sum);
        var memoryFailures = run.Stages.Any(s => s.Tasks.FailureReasons.Keys.Concat(s.Tasks.FailureExamples).Any(r => FailureClassifier.IsMemory(FailureClassifier.Classify(null, r))));
        if (gcShare < context.Thresholds["gc.timeShare"][0] && spilled == 0 && !memoryFailures)
        {
            // A JVM heap fills up before it collects: a high peak with little GC, no spill and no OOM is not pressure.
            severity = Severity.Low;
        }
        var to = new ByteSize(RoundUp(Math.Max((long)(peak * (1 + context.Thresholds.Value("memory.buffer")) / 0.8), (long)(heap * 1.25))));
        var why = $"peak heap {Fmt.Bytes(peak)} is {Fmt.Pct(share)} of {Fmt.Bytes(heap)}";
        return new Finding(
            "memory-heap", "memory", severity, "Memory Pressure", [],
            [
                new Evidence("memory.heapUsedShare", share, "ratio", $"Executor memory: {Fmt.Pct(share)} utilized (peak JVM heap {Fmt.Bytes(peak)} of {Fmt.Bytes(heap)} on executor {executor})", ExecutorId: executor),
                new Evidence("gc.timeShare", gcShare, "ratio", $"GC time: {Fmt.Pct(gcShare)} of total runtime"),
            ],
            "The executors' heap ran close to its limit: tasks spill, GC runs long, and one larger partition away an executor dies of OutOfMemoryError.",
            [severity > Severity.Low
                ? new Recommendation(RecommendationKind.Resource, $"Increase {key} from {new ByteSize(heap).ToSparkString()} to {to.ToSparkString()}: {why}",
                    new ConfigChange(key, run.Environment.Get(key), to.ToSparkString(), why) { Priority = severity })
                : new Recommendation(RecommendationKind.Resource, $"Watch: a JVM heap fills before it collects, so {Fmt.Pct(share)} alone does not call for more memory; {key}={to.ToSparkString()} if spill or GC grow")])
        {
            ExecutorIds = executor is null ? [] : [executor],
            WhatWouldNotHelp = "More executors of the same size: each one still runs as many tasks in as little heap.",
            ExpectedImprovement = $"Next run: peak heap under 80% of spark.executor.memory (now {Fmt.Pct(share)})",
        };
    }

    private static Finding ContainerPressure(AnalysisContext context, long rss, string? executor, double share, Severity severity)
    {
        var facts = context.Facts;
        var env = context.Run.Environment;
        var needed = (long)(rss * (1 + context.Thresholds.Value("memory.buffer"))) - facts.ExecutorMemoryBytes - facts.OffHeapBytes - facts.PySparkMemoryBytes;
        var to = new ByteSize(RoundUp(Math.Max(needed, (long)(facts.OverheadBytes * 1.5)), 128 * ByteSize.MiB));
        var why = $"peak RSS {Fmt.Bytes(rss)} is {Fmt.Pct(share)} of the {Fmt.Bytes(facts.ContainerBytes)} container";
        return new Finding(
            "memory-container", "memory", severity, "Container Memory Pressure", [],
            [
                new Evidence("memory.containerUsedShare", share, "ratio", $"Executor {executor}: peak process RSS {Fmt.Bytes(rss)} of a {Fmt.Bytes(facts.ContainerBytes)} container ({Fmt.Pct(share)})", ExecutorId: executor),
                new Evidence("memory.overheadBytes", facts.OverheadBytes, "bytes", $"Memory overhead: {Fmt.Bytes(facts.OverheadBytes)} beside a {Fmt.Bytes(facts.ExecutorMemoryBytes)} heap"),
                .. RssParts(context, executor),
            ],
            "The executor process (heap + native memory + Python workers) came close to its container limit; past it the kubelet or YARN kills the pod (exit 137) without a JVM OutOfMemoryError.",
            [new Recommendation(RecommendationKind.Resource, $"Increase spark.executor.memoryOverhead from {new ByteSize(facts.OverheadBytes).ToSparkString()} to {to.ToSparkString()}: {why}",
                new ConfigChange("spark.executor.memoryOverhead", env.Get("spark.executor.memoryOverhead"), to.ToSparkString(), why) { Priority = severity })])
        {
            ExecutorIds = executor is null ? [] : [executor],
            WhatWouldNotHelp = "More heap alone: the heap is not what is outgrowing the container.",
            ExpectedImprovement = $"Next run: peak RSS under 85% of the container (now {Fmt.Pct(share)}), no exit-137 kills",
        };
    }

    /// <summary>Where the RSS went (JVM, Python workers, other children): Python-heavy jobs need spark.executor.pyspark.memory, not heap.</summary>
    private static IEnumerable<Evidence> RssParts(AnalysisContext context, string? executor)
    {
        if (context.Run.Executors.FirstOrDefault(e => e.Id == executor)?.Peaks is not { } p || p.JvmRss is not { } jvm)
        {
            yield break;
        }

        yield return new Evidence("memory.rssParts", jvm, "bytes",
            $"Executor {executor} RSS: JVM {Fmt.Bytes(jvm)}, Python {Fmt.Bytes(p.PythonRss ?? 0)}, other {Fmt.Bytes(p.OtherRss ?? 0)}; heap peak {Fmt.Bytes(p.JvmHeap ?? 0)}, off-heap peak {Fmt.Bytes(p.JvmOffHeap ?? 0)}", ExecutorId: executor);
    }

    private static Finding Underused(AnalysisContext context, string key, long heap, long peak, ObservedMemory observed, double share, Severity severity)
    {
        var floor = new ByteSize(Math.Max(ByteSize.GiB, RoundUp((long)(peak * (1 + context.Thresholds.Value("memory.buffer"))))));
        return new Finding(
            "memory-underused", "memory", severity, "Over-provisioned Executor Memory", [],
            [new Evidence("memory.heapUsedShare", share, "ratio", $"Executor memory: {Fmt.Pct(share)} utilized at peak (JVM heap {Fmt.Bytes(peak)} of {Fmt.Bytes(heap)} on executor {observed.PeakHeapExecutor})", ExecutorId: observed.PeakHeapExecutor)],
            "The heap was never more than a fraction used: the run pays for memory it does not touch. One run is not enough to lower it safely (a larger input may need more), so this is a candidate, not a change.",
            [new Recommendation(RecommendationKind.Resource, $"Candidate: {key} could go from {new ByteSize(heap).ToSparkString()} to {floor.ToSparkString()} (peak x 1.2) once 3 runs of this job confirm the peak")])
        {
            ExecutorIds = observed.PeakHeapExecutor is null ? [] : [observed.PeakHeapExecutor],
            WhatWouldNotHelp = "Lowering memory below the peak x 1.2, or in the 3 runs after an OOM or container kill.",
            ExpectedImprovement = $"{Fmt.Pct(1 - floor.Bytes / (double)heap)} less executor heap to pay for",
        };
    }
}
