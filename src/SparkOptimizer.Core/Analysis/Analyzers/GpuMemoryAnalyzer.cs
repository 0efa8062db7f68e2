using System.Globalization;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// RAPIDS runs whose GPU ran out of memory: allocations that failed and were retried after spilling (gpuRetryCount),
/// retried on half the input (gpuSplitAndRetryCount), or tasks that failed with GpuRetryOOM / GpuSplitAndRetryOOM when no
/// retry could help. The levers are the GPU's, in the order NVIDIA's best practices give them: fewer tasks sharing the
/// GPU (spark.rapids.sql.concurrentGpuTasks), less data per task (partitions, spark.rapids.sql.batchSizeBytes), the RMM
/// pool's share of the GPU (spark.rapids.memory.gpu.allocFraction), pinned host memory for the spills. Never executor heap.
/// </summary>
public sealed class GpuMemoryAnalyzer : IAnalyzer
{
    private const string Concurrent = "spark.rapids.sql.concurrentGpuTasks";
    private const string BatchBytes = "spark.rapids.sql.batchSizeBytes";
    private const string AllocFraction = "spark.rapids.memory.gpu.allocFraction";
    private const string PinnedPool = "spark.rapids.memory.pinnedPool.size";

    /// <summary>RAPIDS' defaults (docs/configs.md of spark-rapids): 2 concurrent GPU tasks, 1 GiB batches, 90 % of the GPU for the pool.</summary>
    private const int DefaultConcurrent = 2;
    private const long DefaultBatchBytes = ByteSize.GiB;
    private const double DefaultAllocFraction = 0.9;

    public string Id => "gpu-memory";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var run = context.Run;
        if (!Accelerator.Rapids.IsOn(run))
        {
            yield break;
        }

        var stages = run.CompletedStages.Select(s => (Stage: s, Oom: Pressure.Of(s))).Where(x => x.Oom.Any).ToArray();
        if (stages.Length == 0)
        {
            yield break;
        }

        var retries = stages.Sum(x => x.Oom.Retries);
        var splits = stages.Sum(x => x.Oom.Splits);
        var failures = stages.Sum(x => x.Oom.Failures);
        var lostMs = stages.Sum(x => x.Oom.LostMs);
        var taskMs = Math.Max(1, stages.Sum(x => x.Stage.Tasks.DurationMs.Sum));
        var share = Math.Clamp(lostMs / (double)taskMs, 0, 1);
        var severity = SeverityScale.Max(context.Thresholds.Rate("gpu.retryTimeShare", share), Severity.Low);
        if (failures > 0)
        {
            // A task that ran out of retries failed: its work is repeated, and a job may have failed with it.
            severity = SeverityScale.Max(severity, Severity.Moderate);
        }

        var env = run.Environment;
        var worst = stages.OrderByDescending(x => x.Oom.Failures).ThenByDescending(x => x.Oom.Retries + x.Oom.Splits).ThenByDescending(x => x.Oom.LostMs).First().Stage;
        var what = $"{Fmt.N(retries)} GPU allocation retr{(retries == 1 ? "y" : "ies")}, {Fmt.N(splits)} split-and-retr{(splits == 1 ? "y" : "ies")} and {Fmt.N(failures)} task failure(s) out of GPU memory in {stages.Length} stage(s)";
        var evidence = new List<Evidence>
        {
            new("gpu.retryTimeShare", share, "ratio", $"GPU memory: {what}; {Fmt.Ms(lostMs)} blocked or recomputed in retries ({Fmt.Pct(share)} of those stages' task time)"),
        };
        evidence.AddRange(stages.OrderByDescending(x => x.Oom.Failures + x.Oom.Retries + x.Oom.Splits).Take(4).Select(x => new Evidence(
            "gpu.oomEvents", x.Oom.Failures + x.Oom.Retries + x.Oom.Splits, "events",
            Fmt.Stage(x.Stage, $"{Fmt.N(x.Oom.Retries)} {RapidsTaskMetrics.RetryCount}, {Fmt.N(x.Oom.Splits)} {RapidsTaskMetrics.SplitAndRetryCount}, {Fmt.N(x.Oom.Failures)} task(s) failed with a GPU OOM over {Fmt.N(x.Stage.Tasks.TaskCount)} tasks"), x.Stage.StageId)));

        var recs = new List<Recommendation>();
        var concurrent = env.GetInt(Concurrent) ?? DefaultConcurrent;
        if (concurrent > 1)
        {
            var to = Math.Max(1, concurrent / 2).ToString(CultureInfo.InvariantCulture);
            var why = $"{what} with {concurrent} tasks sharing each GPU's memory";
            recs.Add(new Recommendation(RecommendationKind.Config, $"Lower {Concurrent} from {concurrent} to {to}: {why}",
                new ConfigChange(Concurrent, env.Get(Concurrent), to, why) { StageIds = [worst.StageId], Priority = severity }));
        }

        if (PartitionAdvice.ToPartitions(context, worst, Math.Max(worst.NumTasks, 1) * 2, $"stage {worst.StageId} ran out of GPU memory: half the data per task", severity) is { } smaller)
        {
            recs.Add(smaller);
        }

        var batch = env.GetBytes(BatchBytes) ?? DefaultBatchBytes;
        if (batch > 256 * ByteSize.MiB)
        {
            var to = new ByteSize(Math.Max(256 * ByteSize.MiB, batch / 2)).ToSparkString();
            var why = $"{what}; GPU batches of up to {Fmt.Bytes(batch)} each hold that much GPU memory per operator";
            recs.Add(new Recommendation(RecommendationKind.Config, $"Lower {BatchBytes} from {Fmt.Bytes(batch)} to {to}: {why}",
                new ConfigChange(BatchBytes, env.Get(BatchBytes), to, why) { StageIds = [worst.StageId], Priority = severity }));
        }

        if (double.TryParse(env.Get(AllocFraction), NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction < DefaultAllocFraction)
        {
            var to = DefaultAllocFraction.ToString("0.0#", CultureInfo.InvariantCulture);
            var why = $"{what} while the RAPIDS memory pool may take only {Fmt.Pct(fraction)} of the GPU";
            recs.Add(new Recommendation(RecommendationKind.Config, $"Raise {AllocFraction} from {fraction.ToString(CultureInfo.InvariantCulture)} to {to} unless another process shares the GPU: {why}",
                new ConfigChange(AllocFraction, env.Get(AllocFraction), to, why) { StageIds = [worst.StageId], Priority = severity }));
        }

        var spillMs = stages.Sum(x => x.Stage.Accumulators.GetValueOrDefault(RapidsTaskMetrics.SpillToHostTime));
        if (spillMs > 0 && (env.GetBytes(PinnedPool) ?? 0) == 0)
        {
            const string To = "4g";
            var why = $"retries spilled GPU memory to the host for {Fmt.Ms(spillMs)} without a pinned pool (pageable host copies are slower)";
            recs.Add(new Recommendation(RecommendationKind.Config, $"Set {PinnedPool}={To}: {why}",
                new ConfigChange(PinnedPool, env.Get(PinnedPool), To, why) { StageIds = [worst.StageId], Priority = severity }));
        }

        yield return new Finding(
            "gpu-memory", "memory", severity, failures > 0 ? "GPU Out of Memory (RAPIDS)" : "GPU Memory Retries (RAPIDS)", stages.Select(x => x.Stage.StageId).Distinct().Order().ToArray(), evidence,
            $"The GPU's memory could not hold what its concurrent tasks asked for: the RAPIDS Accelerator spilled and retried allocations{(splits > 0 ? ", split inputs in two" : string.Empty)}{(failures > 0 ? " and, where no retry helped, failed tasks with GpuRetryOOM/GpuSplitAndRetryOOM" : string.Empty)}. Each retry blocks the task and repeats its work.",
            recs)
        {
            WhatWouldNotHelp = "More executor heap or memoryOverhead: the GPU's memory ran out, not the JVM's.",
            ExpectedImprovement = failures > 0
                ? $"Next run: no task failing with a GPU OOM (today {Fmt.N(failures)}) and fewer retries than today's {Fmt.N(retries + splits)}"
                : $"Next run: fewer GPU allocation retries than today's {Fmt.N(retries + splits)}",
        };
    }

    /// <summary>One stage's GPU memory trouble: retries and splits from RAPIDS' task metrics, task failures out of GPU memory, and the time retries cost.</summary>
    private readonly record struct Pressure(long Retries, long Splits, long Failures, long LostMs)
    {
        public bool Any => Retries + Splits + Failures > 0;

        public static Pressure Of(StageInfo stage)
        {
            var acc = stage.Accumulators;
            var failures = FailureClassifier.Of(stage).Where(f => f.Kind == FailureKind.GpuOutOfMemory).Sum(f => (long)f.Count);

            return new Pressure(
                acc.GetValueOrDefault(RapidsTaskMetrics.RetryCount), acc.GetValueOrDefault(RapidsTaskMetrics.SplitAndRetryCount), failures,
                acc.GetValueOrDefault(RapidsTaskMetrics.RetryBlockTime) + acc.GetValueOrDefault(RapidsTaskMetrics.RetryComputationTime));
        }
    }
}
