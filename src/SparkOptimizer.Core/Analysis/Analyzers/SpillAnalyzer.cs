using System.Globalization;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// Memory and disk spill per stage, rated by disk spill against the bytes the stage read. The lever follows the cause:
/// a shrunken spark.memory.fraction, oversized partitions (more partitions, unless skewed), or too little memory per task.
/// </summary>
public sealed class SpillAnalyzer : IAnalyzer
{
    public string Id => "spill";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var env = context.Run.Environment;
        foreach (var stage in context.StagesWithTasks)
        {
            var disk = stage.Tasks.DiskSpilledBytes.Sum;
            var memory = stage.Tasks.MemorySpilledBytes.Sum;
            if (disk < t.Value("spill.minDiskBytes") && memory < t.Value("spill.minMemoryBytes"))
            {
                continue;
            }

            var read = stage.Tasks.ShuffleReadBytes.Sum + stage.Tasks.InputBytes.Sum;
            var ratio = disk / (double)Math.Max(1, read);
            // A spill is a spill whether it reached disk or not (Spark 1.x logs no disk spill at all): rate the larger of the two.
            var spilled = disk > 0 ? disk : memory;
            var severity = t.Rate("spill.diskToReadRatio", spilled / (double)Math.Max(1, read));
            severity = SeverityScale.Max(severity, Severity.Low);
            if (stage.DurationMs is { } ms && ms < 60_000)
            {
                // A spill that costs seconds is worth fixing, not worth paging anyone.
                severity = SeverityScale.Min(severity, Severity.Moderate);
            }

            var evidence = new List<Evidence>
            {
                new("spill.diskBytes", disk, "bytes", Fmt.Stage(stage, $"{Fmt.Bytes(disk)} spilled to disk, {Fmt.Bytes(memory)} spilled from memory ({Fmt.Pct(ratio)} of the {Fmt.Bytes(read)} it read)"), stage.StageId),
                new("spill.maxTaskDiskBytes", stage.Tasks.DiskSpilledBytes.Max, "bytes", Fmt.Stage(stage, $"largest task spill {Fmt.Bytes(stage.Tasks.DiskSpilledBytes.Max)} to disk, median {Fmt.Bytes(stage.Tasks.DiskSpilledBytes.P50)}; {Fmt.Bytes(read / Math.Max(1, stage.Tasks.SucceededCount))} read per task over {stage.Tasks.SucceededCount} tasks"), stage.StageId),
            };
            var recs = new List<Recommendation>();
            var skewed = SkewShape.PassesSkewGate(stage, t);
            var fraction = double.TryParse(env.Get("spark.memory.fraction"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : 0.6;
            if (fraction < 0.6)
            {
                evidence.Add(new Evidence("conf.memoryFraction", fraction, "ratio", $"spark.memory.fraction is {Fmt.D(fraction)} (Spark's default 0.6): execution memory was cut", stage.StageId));
                var why = $"stage {stage.StageId} spilled {Fmt.Bytes(disk)} with only {Fmt.Pct(fraction)} of the heap for execution and storage";
                recs.Add(new Recommendation(RecommendationKind.Config, $"Increase spark.memory.fraction from {Fmt.D(fraction)} to 0.6: {why}",
                    new ConfigChange("spark.memory.fraction", env.Get("spark.memory.fraction"), "0.6", why) { StageIds = [stage.StageId], Priority = severity }));
            }

            var perTask = read / Math.Max(1, stage.Tasks.SucceededCount);
            if (!skewed && perTask > 64 * ByteSize.MiB)
            {
                AddMorePartitions(context, stage, recs, severity, read);
            }
            else if (skewed)
            {
                evidence.Add(new Evidence("skew.gate", 1, "bool", Fmt.Stage(stage, "the stage is skewed (see the skew finding): more partitions would not split its hot key, so none are asked for"), stage.StageId));
            }

            if (severity >= Severity.Severe || (recs.Count == 0 && fraction >= 0.6))
            {
                var facts = context.Facts;
                var heap = facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes;
                var to = new ByteSize(Math.Max(heap + ByteSize.GiB, (long)(heap * 1.5)));
                var key = facts.LocalMode ? "spark.driver.memory" : "spark.executor.memory";
                var why = $"stage {stage.StageId} spilled {Fmt.Bytes(disk)}: more execution memory per task";
                recs.Add(new Recommendation(RecommendationKind.Resource, $"Increase {key} from {new ByteSize(heap).ToSparkString()} to {to.ToSparkString()}: {why}",
                    new ConfigChange(key, env.Get(key), to.ToSparkString(), why) { StageIds = [stage.StageId], Priority = severity }));
            }

            yield return new Finding(
                $"spill-stage-{stage.StageId}-{stage.AttemptId}", "spill", severity, disk > 0 ? "Disk Spill" : "Memory Spill", [stage.StageId], evidence,
                $"Tasks of stage {stage.StageId} ran out of execution memory and wrote their sort/aggregation buffers to disk, then read them back: extra I/O, CPU and GC on every spilled task.",
                recs)
            {
                SqlExecutionIds = stage.SqlExecutionId is { } id ? [id] : [],
                WhatWouldNotHelp = skewed ? "More partitions: the stage is skewed, and the hot key stays in one partition." : "More executors alone: memory per task stays the same.",
                ExpectedImprovement = disk > 0
                    ? $"Next run: stage {stage.StageId} disk spill near 0 B (now {Fmt.Bytes(disk)})"
                    : $"Next run: stage {stage.StageId} memory spill near 0 B (now {Fmt.Bytes(memory)})",
            };
        }
    }

    private static void AddMorePartitions(AnalysisContext context, StageInfo stage, List<Recommendation> recs, Severity severity, long read)
    {
        // AutoTuner's rule: double the partitions on spill, and at least enough for ~128 MiB each.
        var slots = context.Facts.PeakSlots;
        var partitions = PartitionMath.RoundToCores(Math.Max(stage.Tasks.SucceededCount * 2L, PartitionMath.ForBytes(read, context.Thresholds.Value("shuffle.targetPartitionMiB"), slots)), slots);
        var reason = $"stage {stage.StageId} spills with {Fmt.Bytes(read / Math.Max(1, stage.Tasks.SucceededCount))} per partition";
        if (PartitionAdvice.ToPartitions(context, stage, partitions, reason, severity) is { } rec)
        {
            recs.Add(rec);
        }
    }
}
