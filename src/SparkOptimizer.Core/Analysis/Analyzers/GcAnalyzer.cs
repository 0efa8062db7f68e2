namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>GC share of executor run time: too high (memory pressure, too many cores per heap) and suspiciously low on a large heap (memory to give back).</summary>
public sealed class GcAnalyzer : IAnalyzer
{
    public string Id => "gc";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var run = context.Run;
        var runTime = run.Totals.ExecutorRunTimeMs;
        if (runTime < t.Value("gc.minRunTimeMs"))
        {
            yield break;
        }

        var share = run.Totals.GcTimeMs / (double)runTime;
        var severity = t.Rate("gc.timeShare", share);
        var worstStages = context.StagesWithTasks
            .Where(s => s.Tasks.RunTimeMs.Sum > 0)
            .Select(s => (Stage: s, Share: s.Tasks.GcTimeMs.Sum / (double)s.Tasks.RunTimeMs.Sum))
            .Where(x => x.Share >= t["gc.timeShare"][0] && x.Stage.Tasks.RunTimeMs.Sum >= runTime * 0.05)
            .OrderByDescending(x => x.Stage.Tasks.GcTimeMs.Sum).Take(3).ToArray();
        if (severity > Severity.None)
        {
            yield return High(context, share, severity, worstStages.Select(x => (x.Stage, x.Share)).ToArray());
        }
        else if (share < t.Value("gc.lowShare") && runTime >= t.Value("memory.minRunTimeMsForRightSizing"))
        {
            var facts = context.Facts;
            var heap = facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes;
            if (heap >= t.Value("memory.minHeapForRightSizing"))
            {
                yield return new Finding(
                    "gc-low", "gc", Severity.Low, "Suspiciously Low GC Time",
                    [],
                    [new Evidence("gc.timeShare", share, "ratio", $"GC time: {Fmt.Pct(share)} of {Fmt.Ms(runTime)} executor run time with a {Fmt.Bytes(heap)} heap")],
                    "Almost no garbage collection on a large heap usually means the heap is bigger than the job needs; the memory finding says how far it can shrink, if the peaks confirm it.",
                    [new Recommendation(RecommendationKind.Resource, "Check the peak heap in the memory finding before lowering memory; keep the peak x 1.2 as the floor")])
                {
                    WhatWouldNotHelp = "Lowering memory on this evidence alone: low GC says little about the peak a larger input needs.",
                    ExpectedImprovement = "Confirm with the peak heap over 3 runs before any change",
                };
            }
        }
    }

    private static Finding High(AnalysisContext context, double share, Severity severity, IReadOnlyList<(Model.StageInfo Stage, double Share)> stages)
    {
        var run = context.Run;
        var facts = context.Facts;
        var evidence = new List<Evidence>
        {
            new("gc.timeShare", share, "ratio", $"GC time: {Fmt.Pct(share)} of total executor run time ({Fmt.Ms(run.Totals.GcTimeMs)} of {Fmt.Ms(run.Totals.ExecutorRunTimeMs)})"),
        };
        foreach (var (stage, s) in stages)
        {
            evidence.Add(new Evidence("gc.stageShare", s, "ratio", Fmt.Stage(stage, $"GC {Fmt.Pct(s)} of task run time ({Fmt.Ms(stage.Tasks.GcTimeMs.Sum)})"), stage.StageId));
        }

        var worstExecutor = facts.Executors.Select(e => e.Executor).Where(e => e.RunTimeMs > 0).MaxBy(e => e.GcTimeMs / (double)e.RunTimeMs);
        if (worstExecutor is not null)
        {
            evidence.Add(new Evidence("gc.executorShare", worstExecutor.GcTimeMs / (double)worstExecutor.RunTimeMs, "ratio",
                $"Executor {worstExecutor.Id}: GC {Fmt.Pct(worstExecutor.GcTimeMs / (double)worstExecutor.RunTimeMs)} of its run time", ExecutorId: worstExecutor.Id));
        }

        var heap = facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes;
        var key = facts.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
        var to = new Model.ByteSize(Math.Max(heap + Model.ByteSize.GiB, (long)(heap * 1.5)));
        var why = $"GC takes {Fmt.Pct(share)} of executor time with {Fmt.Bytes(heap / (double)Math.Max(1, facts.ExecutorCores))} of heap per core";
        var recs = new List<Recommendation>();
        var perCore = heap / (double)Math.Max(1, facts.ExecutorCores);
        var cached = run.Stages.SelectMany(s => s.Rdds).Where(r => r.IsCached).GroupBy(r => r.Id).Sum(g => g.Max(r => r.MemorySize));
        var peak = ObservedMemory.From(facts, run).PeakHeapBytes;
        var peakShare = peak is { } ph ? ph / (double)heap : (double?)null;
        if (peakShare is { } used && used < 0.7)
        {
            // The heap never filled: collections come from allocation churn, and a bigger heap would only be paid for.
            evidence.Add(new Evidence("gc.peakHeapShare", used, "ratio", $"Peak JVM heap: only {Fmt.Pct(used)} of {Fmt.Bytes(heap)}: the heap is not too small, objects are short-lived churn"));
        }
        else if (perCore < 8.0 * Model.ByteSize.GiB && severity > Severity.Low)
        {
            recs.Add(new(RecommendationKind.Resource, $"Increase {key} from {new Model.ByteSize(heap).ToSparkString()} to {to.ToSparkString()}: {why}",
                new ConfigChange(key, run.Environment.Get(key), to.ToSparkString(), why) { StageIds = stages.Select(s => s.Stage.StageId).ToArray(), Priority = severity }));
        }
        else
        {
            // A big heap per core that still collects a lot is churn or a full old generation, not a small heap.
            evidence.Add(new Evidence("gc.heapPerCore", perCore, "bytes", $"Heap per core: {Fmt.Bytes(perCore)}: already large, so more heap is not the lever"));
        }

        if (cached > 0.25 * heap * Math.Max(1, facts.Executors.Count))
        {
            evidence.Add(new Evidence("gc.cachedBytes", cached, "bytes", $"Cached in memory: {Fmt.Bytes(cached)} of deserialized objects the collector must trace"));
            recs.Add(new Recommendation(RecommendationKind.Code, "Cache serialized (persist(StorageLevel.MEMORY_ONLY_SER) or MEMORY_AND_DISK_SER) or unpersist caches no longer needed: fewer live objects for the GC"));
        }
        if (recs.Count == 0)
        {
            recs.Add(new Recommendation(RecommendationKind.Code, "Cut allocation churn in the GC-heavy stages: avoid per-row object creation in UDFs and RDD lambdas (use built-in functions), and prefer DataFrame operations over RDD ones"));
        }

        var javaOptions = run.Environment.Get("spark.executor.extraJavaOptions") ?? string.Empty;
        if (run.Environment.JavaVersion?.StartsWith("1.8", StringComparison.Ordinal) == true && !javaOptions.Contains("GC", StringComparison.Ordinal) && !facts.LocalMode)
        {
            var to2 = (javaOptions + " -XX:+UseG1GC").Trim();
            recs.Add(new Recommendation(RecommendationKind.Config, "Use G1 on Java 8 (its default is the parallel collector, with long full GCs on big heaps)",
                new ConfigChange("spark.executor.extraJavaOptions", run.Environment.Get("spark.executor.extraJavaOptions"), to2, $"Java {run.Environment.JavaVersion} with GC at {Fmt.Pct(share)}") { Priority = severity }));
        }

        return new Finding(
            "gc-high", "gc", severity, "High GC Time", stages.Select(s => s.Stage.StageId).Order().ToArray(), evidence,
            "The JVMs spend a large share of task time collecting garbage: the heap per running task is too small for the data each task holds (large partitions, caching, wide rows).",
            recs)
        {
            WhatWouldNotHelp = "More executors with the same heap per core: every task still has as little memory.",
            ExpectedImprovement = $"Next run: GC under {Fmt.Pct(context.Thresholds["gc.timeShare"][0])} of executor run time (now {Fmt.Pct(share)})",
        };
    }
}
