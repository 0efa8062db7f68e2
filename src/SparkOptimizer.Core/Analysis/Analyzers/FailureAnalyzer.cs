using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// Task failures by reason, lost executors, JVM OOM against container kills. Memory failures get memory levers; infrastructure
/// losses (spot, decommission, scheduling) never tune conf; application exceptions point at the code.
/// </summary>
public sealed class FailureAnalyzer : IAnalyzer
{
    public string Id => "failures";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var run = context.Run;
        var counts = new Dictionary<FailureKind, int>();
        var evidence = new List<Evidence>();
        var stageIds = new SortedSet<int>();
        long failed = 0;
        foreach (var stage in run.Stages)
        {
            foreach (var (reason, count) in stage.Tasks.FailureReasons)
            {
                var example = stage.Tasks.FailureExamples.FirstOrDefault(e => e.StartsWith(reason, StringComparison.Ordinal));
                var kind = FailureClassifier.Classify(reason, example);
                if (kind == FailureKind.Killed)
                {
                    continue;
                }

                failed += count;
                counts[kind] = counts.GetValueOrDefault(kind) + count;
                stageIds.Add(stage.StageId);
                if (evidence.Count < 8)
                {
                    evidence.Add(new Evidence($"failures.{kind}", count, "tasks", Fmt.Stage(stage, $"{count} task attempt(s) failed: {example ?? reason}"), stage.StageId));
                }
            }
        }

        var lost = run.WorkerExecutors.Where(e => e.RemovedAt is not null && !IsRequestedRemoval(e, context.Facts)).ToArray();
        foreach (var e in lost)
        {
            var kind = FailureClassifier.Classify(null, e.RemovedReason);
            counts[kind == FailureKind.Unknown ? FailureKind.ExecutorLost : kind] = counts.GetValueOrDefault(kind == FailureKind.Unknown ? FailureKind.ExecutorLost : kind) + 1;
            if (evidence.Count < 12)
            {
                evidence.Add(new Evidence("failures.executorLost", 1, "executors", $"Executor {e.Id}" + (e.Host is null ? string.Empty : $" on {e.Host}") + $" lost: {e.RemovedReason ?? "no reason given"}", ExecutorId: e.Id));
            }
        }

        var attempts = Math.Max(1, run.Totals.Tasks);
        var share = failed / (double)attempts;
        var oom = counts.GetValueOrDefault(FailureKind.JvmOutOfMemory) + counts.GetValueOrDefault(FailureKind.ContainerKilled);
        var severity = SeverityScale.Max(t.Rate("failures.taskFailureShare", share), SeverityScale.Max(t.Rate("failures.lostExecutors", lost.Length), oom > 0 ? t.Rate("failures.oomCount", oom) : Severity.None));
        if (failed > 0)
        {
            // Any failed attempt repeats work: never silent, whatever the share.
            severity = SeverityScale.Max(severity, Severity.Low);
        }

        if (run.Totals.FailedStages > 0)
        {
            severity = SeverityScale.Max(severity, Severity.Moderate);
        }

        if (severity == Severity.None)
        {
            yield break;
        }

        evidence.Insert(0, new Evidence("failures.taskFailureShare", share, "ratio", $"Failures: {Fmt.N(failed)} of {Fmt.N(attempts)} task attempts failed ({Fmt.Pct(share)}), {lost.Length} executor(s) lost, {run.Totals.FailedStages} stage attempt(s) failed"));
        var infraOnly = counts.Keys.All(k => k is FailureKind.Infrastructure or FailureKind.ShuffleFetch or FailureKind.ExecutorLost) && counts.ContainsKey(FailureKind.Infrastructure);
        yield return new Finding(
            "failures", "failures", severity, infraOnly ? "Infrastructure Failures" : "Task and Executor Failures", stageIds.ToArray(), evidence,
            Explain(counts), Recommend(context, counts, severity))
        {
            ExecutorIds = lost.Select(e => e.Id).ToArray(),
            WhatWouldNotHelp = infraOnly ? "Any Spark conf change: the losses came from the infrastructure, not the job."
                : counts.ContainsKey(FailureKind.JvmOutOfMemory) ? "More executors of the same size: the failing task still gets the same memory."
                : counts.ContainsKey(FailureKind.Application) ? "More retries (spark.task.maxFailures) or more memory: the same code fails the same way."
                : "Raising memory without the executors' exit codes: the event log does not say they died of memory.",
            ExpectedImprovement = "Next run: 0 failed task attempts and 0 lost executors",
        };
    }

    /// <summary>Executors the driver released on purpose (dynamic allocation) are not failures.</summary>
    private static bool IsRequestedRemoval(ExecutorInfo e, RunFacts facts) =>
        e.RemovedReason is { } r && (r.Contains("killed by driver", StringComparison.OrdinalIgnoreCase) || r.Contains("requested by driver", StringComparison.OrdinalIgnoreCase)
            || (facts.DynamicAllocation && r.Contains("idle", StringComparison.OrdinalIgnoreCase)));

    private static string Explain(Dictionary<FailureKind, int> counts)
    {
        var parts = new List<string>();
        if (counts.ContainsKey(FailureKind.JvmOutOfMemory))
        {
            parts.Add("tasks died of JVM OutOfMemoryError (the heap was too small for what one task held)");
        }

        if (counts.ContainsKey(FailureKind.ContainerKilled))
        {
            parts.Add("containers were killed for exceeding their memory limit (exit 137/OOMKilled: native memory beyond the overhead, not the heap)");
        }

        if (counts.ContainsKey(FailureKind.Infrastructure))
        {
            parts.Add("nodes were lost to the infrastructure (spot reclaim, decommission, scheduling): not the job's fault");
        }

        if (counts.ContainsKey(FailureKind.ExecutorLost) || counts.ContainsKey(FailureKind.ShuffleFetch))
        {
            parts.Add("executors were lost and their shuffle output had to be recomputed (FetchFailed / Resubmitted)");
        }

        if (counts.ContainsKey(FailureKind.Application))
        {
            parts.Add("the job's code threw exceptions");
        }

        return parts.Count == 0 ? "Tasks failed and were retried: every retry repeats work." : "In this run " + string.Join("; ", parts) + ".";
    }

    private static List<Recommendation> Recommend(AnalysisContext context, Dictionary<FailureKind, int> counts, Severity severity)
    {
        var facts = context.Facts;
        var env = context.Run.Environment;
        var recs = new List<Recommendation>();
        if (counts.ContainsKey(FailureKind.JvmOutOfMemory))
        {
            var key = facts.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
            var heap = facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes;
            var to = new ByteSize(MemoryAnalyzer.RoundUp(Math.Max((long)(heap * 1.5), heap + ByteSize.GiB))).ToSparkString();
            var why = $"{counts[FailureKind.JvmOutOfMemory]} task(s) died of JVM OutOfMemoryError with {new ByteSize(heap).ToSparkString()} heap";
            recs.Add(new Recommendation(RecommendationKind.Resource, $"Increase {key} from {new ByteSize(heap).ToSparkString()} to {to}: {why}",
                new ConfigChange(key, env.Get(key), to, why) { Priority = severity }));
        }

        if (counts.ContainsKey(FailureKind.ContainerKilled) && !facts.LocalMode)
        {
            var to = new ByteSize(MemoryAnalyzer.RoundUp(Math.Max((long)(facts.OverheadBytes * 1.5), facts.OverheadBytes + 512 * ByteSize.MiB), 128 * ByteSize.MiB)).ToSparkString();
            var why = $"{counts[FailureKind.ContainerKilled]} container kill(s) for memory with {new ByteSize(facts.OverheadBytes).ToSparkString()} overhead";
            recs.Add(new Recommendation(RecommendationKind.Resource, $"Increase spark.executor.memoryOverhead from {new ByteSize(facts.OverheadBytes).ToSparkString()} to {to}: {why}",
                new ConfigChange("spark.executor.memoryOverhead", env.Get("spark.executor.memoryOverhead"), to, why) { Priority = severity }));
        }

        if (counts.ContainsKey(FailureKind.Application))
        {
            recs.Add(new Recommendation(RecommendationKind.Code, "Fix the exception the tasks threw (see the stage evidence): retries repeat the same failure"));
        }

        if (counts.ContainsKey(FailureKind.Infrastructure))
        {
            recs.Add(new Recommendation(RecommendationKind.Resource, "Infrastructure loss: no Spark conf change; if it was spot capacity, keep the driver on on-demand nodes and consider spark.decommission.enabled"));
        }

        if (recs.Count == 0)
        {
            recs.Add(new Recommendation(RecommendationKind.Resource, "Read the lost executors' logs for the exit code (137 = killed for memory, 143 = terminated) before changing memory: the event log does not say why they died"));
        }

        return recs;
    }
}
