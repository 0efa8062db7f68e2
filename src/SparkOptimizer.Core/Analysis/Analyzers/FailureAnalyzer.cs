using SparkOptimizer.Analysis.Events;
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
            foreach (var (reason, count, example, kind) in FailureClassifier.Of(stage))
            {
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

        var removals = run.WorkerExecutors.Where(e => e.RemovedAt is not null)
            .Select(e => (Executor: e, Removal: ExecutorRemovals.Classify(e.RemovedReason))).Where(x => x.Removal.IsLoss).ToArray();
        var lost = removals.Select(x => x.Executor).ToArray();
        var explained = 0;
        foreach (var (e, removal) in removals)
        {
            var kind = removal.Cause == FailureKind.Unknown ? FailureKind.ExecutorLost : removal.Cause;
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            explained += removal.ExitCode is not null || kind != FailureKind.ExecutorLost ? 1 : 0;
            if (evidence.Count < 12)
            {
                evidence.Add(new Evidence("failures.executorLost", 1, "executors", $"Executor {e.Id}" + (e.Host is null ? string.Empty : $" on {e.Host}") + $" lost: {removal.Meaning}", ExecutorId: e.Id));
            }
        }

        var failedJobs = run.Jobs.Where(j => j.Succeeded == false).ToArray();
        var shutDown = failedJobs.Any(j => j.FailureReason?.Contains("SparkContext was shut down", StringComparison.OrdinalIgnoreCase) == true);
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

        if (failedJobs.Length > 0)
        {
            // A job that failed, or was cut off by the SparkContext shutting down, lost its result.
            severity = SeverityScale.Max(severity, Severity.Severe);
            evidence.Add(new Evidence("failures.failedJobs", failedJobs.Length, "jobs", $"{failedJobs.Length} job(s) failed" + (shutDown ? " (cancelled because the SparkContext was shut down while they ran)" : string.Empty)
                + (failedJobs[0].FailureReason is { } why ? $": job {failedJobs[0].JobId}: {Fmt.FirstLine(why, 160)}" : string.Empty)));
        }

        if (severity == Severity.None)
        {
            yield break;
        }

        evidence.Insert(0, new Evidence("failures.taskFailureShare", share, "ratio", $"Failures: {Fmt.N(failed)} of {Fmt.N(attempts)} task attempts failed ({Fmt.Pct(share)}), {lost.Length} executor(s) lost, {run.Totals.FailedStages} stage attempt(s) failed"));
        var infraOnly = counts.Keys.All(k => k is FailureKind.Infrastructure or FailureKind.ShuffleFetch or FailureKind.ExecutorLost) && counts.ContainsKey(FailureKind.Infrastructure);
        yield return new Finding(
            "failures", "failures", severity, infraOnly ? "Infrastructure Failures" : "Task and Executor Failures", stageIds.ToArray(), evidence,
            Explain(counts), Recommend(context, counts, severity, explained, RetriedToSuccess(run)))
        {
            ExecutorIds = lost.Select(e => e.Id).ToArray(),
            WhatWouldNotHelp = infraOnly ? "Any Spark conf change: the losses came from the infrastructure, not the job."
                : counts.ContainsKey(FailureKind.JvmOutOfMemory) ? "More executors of the same size: the failing task still gets the same memory."
                : counts.ContainsKey(FailureKind.GpuOutOfMemory) ? "More executor heap or overhead: the GPU ran out of memory, not the JVM."
                : counts.ContainsKey(FailureKind.Application) ? "More retries (spark.task.maxFailures) or more memory: the same code fails the same way."
                : counts.ContainsKey(FailureKind.Heartbeat) ? "More executor memory or overhead: exit 56 is a missed heartbeat, not a memory kill."
                : explained > 0 ? "Memory changes: the removal reasons do not point at memory."
                : "Raising memory without the executors' exit codes: the event log does not say they died of memory.",
            ExpectedImprovement = "Next run: 0 failed task attempts and 0 lost executors",
        };
    }

    /// <summary>True when every stage with failed task attempts still completed: the retries succeeded, so the code did not fail every time.</summary>
    private static bool RetriedToSuccess(SparkRun run)
    {
        var failing = run.Stages.Where(s => s.Tasks.FailureReasons.Count > 0).Select(s => s.StageId).ToHashSet();
        return failing.Count > 0 && failing.All(id => run.Stages.Any(s => s.StageId == id && s.Status == StageStatus.Complete))
            && run.Jobs.All(j => j.Succeeded != false);
    }

    private static string Explain(Dictionary<FailureKind, int> counts)
    {
        var parts = new List<string>();
        if (counts.ContainsKey(FailureKind.JvmOutOfMemory))
        {
            parts.Add("tasks died of JVM OutOfMemoryError (the heap was too small for what one task held)");
        }

        if (counts.ContainsKey(FailureKind.GpuOutOfMemory))
        {
            parts.Add("tasks ran out of GPU memory (RAPIDS GpuRetryOOM/GpuSplitAndRetryOOM: the GPU's memory, not the JVM heap; see the GPU memory finding for its levers)");
        }

        if (counts.ContainsKey(FailureKind.ContainerKilled))
        {
            parts.Add("containers were killed for exceeding their memory limit (exit 137/OOMKilled: native memory beyond the overhead, not the heap)");
        }

        if (counts.ContainsKey(FailureKind.Heartbeat))
        {
            parts.Add("executors exited with code 56: they missed too many heartbeats to the driver (a stalled executor or driver, a network problem, or a heartbeat interval set too short)");
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

    private static List<Recommendation> Recommend(AnalysisContext context, Dictionary<FailureKind, int> counts, Severity severity, int explained, bool retriedToSuccess)
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

        if (counts.ContainsKey(FailureKind.Application) && retriedToSuccess)
        {
            // The same tasks succeeded on a later attempt: the code can work, the executor or host it first ran on could not.
            recs.Add(new Recommendation(RecommendationKind.Resource, "The failed attempts succeeded on retry: look at the executors and hosts they failed on; if failures cluster on a host, set spark.excludeOnFailure.enabled=true so Spark stops scheduling there"));
        }
        else if (counts.ContainsKey(FailureKind.Application))
        {
            recs.Add(new Recommendation(RecommendationKind.Code, "Fix the exception the tasks threw (see the stage evidence): it repeated on every attempt, so retries only repeat the failure"));
        }

        if (counts.ContainsKey(FailureKind.Heartbeat))
        {
            var interval = env.Get("spark.executor.heartbeatInterval");
            // spark.executor.heartbeatInterval: a bare number is milliseconds.
            var ms = ConfDuration.Milliseconds(interval, 1) ?? 10_000;
            if (ms < 10_000)
            {
                var why = $"{counts[FailureKind.Heartbeat]} executor(s) exited with code 56 (heartbeat failure) with spark.executor.heartbeatInterval={interval}, below Spark's 10s default";
                recs.Add(new Recommendation(RecommendationKind.Config, $"Restore spark.executor.heartbeatInterval to 10s: {why}",
                    new ConfigChange("spark.executor.heartbeatInterval", interval, "10s", why) { Priority = severity }));
            }
            else
            {
                recs.Add(new Recommendation(RecommendationKind.Resource, "Executors missed their heartbeats (exit 56): check the driver's and executors' GC pauses and the network between them; spark.network.timeout must stay well above spark.executor.heartbeatInterval"));
            }
        }

        if (counts.ContainsKey(FailureKind.Infrastructure))
        {
            recs.Add(new Recommendation(RecommendationKind.Resource, "Infrastructure loss: no Spark conf change; if it was spot capacity, keep the driver on on-demand nodes and consider spark.decommission.enabled"));
        }

        if (counts.ContainsKey(FailureKind.GpuOutOfMemory))
        {
            recs.Add(new Recommendation(RecommendationKind.Resource, "Tasks ran out of GPU memory: apply the GPU memory finding's levers (fewer concurrent GPU tasks, smaller batches and partitions), not executor memory"));
        }

        if (recs.Count == 0 && explained == 0)
        {
            recs.Add(new Recommendation(RecommendationKind.Resource, "Read the lost executors' logs for the exit code (137 = killed for memory, 143 = terminated) before changing memory: the event log does not say why they died"));
        }

        return recs;
    }
}
