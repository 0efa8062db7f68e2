using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Idle cores over the run, long stages with fewer tasks than cores, and stages of many tiny tasks.</summary>
public sealed class ParallelismAnalyzer : IAnalyzer
{
    public string Id => "parallelism";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        if (IdleCores(context) is { } idle)
        {
            yield return idle;
        }

        if (FindingMerger.Merge("parallelism-few-tasks", TooFewTasks(context)) is { } few)
        {
            yield return few;
        }

        if (FindingMerger.Merge("parallelism-tiny-tasks", TinyTasks(context)) is { } tiny)
        {
            yield return tiny;
        }
    }

    private static Finding? IdleCores(AnalysisContext context)
    {
        var facts = context.Facts;
        var t = context.Thresholds;
        var capacity = facts.CoreCapacityMs;
        if (facts.WallMs < t.Value("parallelism.minWallMs") || capacity <= 0)
        {
            return null;
        }

        var busy = (double)context.Run.Totals.TaskDurationMs;
        var idle = Math.Clamp(1 - (busy / capacity), 0, 1);
        var severity = t.Rate("parallelism.idleCoreShare", idle);
        if (facts.LocalMode)
        {
            // Local cores are a workstation's, not billed executors: worth a note, not an alarm.
            severity = SeverityScale.Min(severity, Severity.Low);
        }

        if (severity == Severity.None)
        {
            return null;
        }

        var widest = context.StagesWithTasks.Select(s => s.NumTasks).DefaultIfEmpty(0).Max();
        var evidence = new List<Evidence>
        {
            new("parallelism.idleCoreShare", idle, "ratio", $"Executors: {Fmt.Pct(idle)} of {Fmt.D(facts.CoreHours)} core-hours idle ({Fmt.D(busy / 3_600_000)} core-hours of task time on up to {facts.PeakCores} cores)"),
            new("parallelism.widestStage", widest, "tasks", $"Widest stage: {widest} tasks for {facts.PeakCores} cores"),
        };
        var recs = new List<Recommendation>();
        if (!facts.LocalMode && !facts.DynamicAllocation && widest > 0 && widest < facts.PeakCores * 0.75 && facts.ExecutorCores > 0)
        {
            // No stage could use more cores than it had tasks: cores beyond the widest stage only idle.
            var instances = Math.Max(1, (int)Math.Ceiling(widest / (double)facts.ExecutorCores));
            var why = $"no stage had more than {widest} tasks, so {facts.PeakCores} cores could never all be busy";
            recs.Add(new Recommendation(RecommendationKind.Resource, $"Set spark.executor.instances to {instances}: {why}",
                new ConfigChange("spark.executor.instances", context.Run.Environment.Get("spark.executor.instances"), instances.ToString(CultureInfo.InvariantCulture), why) { Priority = severity }));
        }
        else
        {
            recs.Add(new Recommendation(RecommendationKind.Resource, "The idle time sits between stages and in narrow or skewed stages: see the driver-time, skew and dynamic-allocation findings for the levers"));
        }

        return new Finding(
            "parallelism-idle-cores", "parallelism", severity, "Idle Cores", [], evidence,
            "The executors held their cores far longer than tasks used them: the run pays for idle capacity, from driver-only time, narrow stages, or stages waiting on a few slow tasks.",
            recs)
        {
            WhatWouldNotHelp = "More executors: the cores already there are idle.",
            ExpectedImprovement = $"Up to {Fmt.D(facts.CoreHours * idle)} core-hours less per run at the same runtime",
        };
    }

    private static IEnumerable<Finding> TooFewTasks(AnalysisContext context)
    {
        var facts = context.Facts;
        var t = context.Thresholds;
        if (facts.PeakCores <= 1)
        {
            yield break;
        }

        foreach (var stage in context.StagesWithTasks)
        {
            if (stage.DurationMs is not { } ms || ms < t.Value("parallelism.minStageMs") || SkewShape.PassesSkewGate(stage, t))
            {
                continue;
            }

            var perCore = stage.NumTasks / (double)facts.PeakCores;
            var severity = t.Rate("parallelism.tasksPerCore", perCore);
            if (severity == Severity.None)
            {
                continue;
            }

            var key = PartitionMath.KeyFor(stage);
            var env = context.Run.Environment;
            var partitions = PartitionMath.RoundToCores(facts.PeakCores * 2L, facts.PeakCores);
            string to;
            string text;
            if (key == "spark.sql.files.maxPartitionBytes")
            {
                var input = stage.Tasks.InputBytes.Sum;
                var bytes = Math.Max(16 * ByteSize.MiB, input / partitions / ByteSize.MiB * ByteSize.MiB);
                to = new ByteSize(bytes).ToSparkString();
                text = $"Lower spark.sql.files.maxPartitionBytes to {to} so stage {stage.StageId}'s {Fmt.Bytes(input)} splits into ~{partitions} tasks";
                if (input <= 0 || stage.SqlExecutionId is null)
                {
                    continue;
                }
            }
            else
            {
                to = partitions.ToString(CultureInfo.InvariantCulture);
                text = $"Set {key} to {to} (two tasks per core)";
            }

            var why = $"stage {stage.StageId} ran {stage.NumTasks} tasks for {facts.PeakCores} cores over {Fmt.Ms(ms)}";
            yield return new Finding(
                $"parallelism-few-tasks-stage-{stage.StageId}-{stage.AttemptId}", "parallelism", severity, "Too Few Tasks for the Cores", [stage.StageId],
                [new Evidence("parallelism.tasksPerCore", perCore, "ratio", Fmt.Stage(stage, $"{stage.NumTasks} tasks for {facts.PeakCores} cores over {Fmt.Ms(ms)}: at most {Fmt.Pct(Math.Min(1, perCore))} of the cores busy"), stage.StageId)],
                $"Stage {stage.StageId} is long and has fewer tasks than the run has cores, so most cores wait while it runs.",
                [new Recommendation(RecommendationKind.Config, $"{text}: {why}", new ConfigChange(key, env.Get(key), to, why) { StageIds = [stage.StageId], Priority = severity })])
            {
                WhatWouldNotHelp = "More executors: the stage cannot use the cores it already has.",
                ExpectedImprovement = $"Next run: stage {stage.StageId} runs at least {facts.PeakCores} tasks (one per core), ideally two waves",
            };
        }
    }

    private static IEnumerable<Finding> TinyTasks(AnalysisContext context)
    {
        var t = context.Thresholds;
        foreach (var stage in context.StagesWithTasks)
        {
            var d = stage.Tasks.DurationMs;
            if (d.P50 >= t.Value("parallelism.tinyTaskMs") || stage.Tasks.SucceededCount < t["parallelism.tinyTaskCount"][0])
            {
                continue;
            }

            var severity = t.Rate("parallelism.tinyTaskCount", stage.Tasks.SucceededCount);
            var recs = new List<Recommendation>();
            var env = context.Run.Environment;
            if (stage.Tasks.ShuffleReadBytes.Sum > 0 && stage.SqlExecutionId is not null && SparkVersions.HasAqe(context.Run))
            {
                if (!SparkVersions.AqeOn(context.Run) || env.GetBool("spark.sql.adaptive.coalescePartitions.enabled") == false)
                {
                    var why = $"stage {stage.StageId} ran {stage.Tasks.SucceededCount} tasks of median {Fmt.Ms(d.P50)}";
                    recs.Add(new Recommendation(RecommendationKind.Config, $"Enable AQE partition coalescing: {why}",
                        new ConfigChange("spark.sql.adaptive.coalescePartitions.enabled", env.Get("spark.sql.adaptive.coalescePartitions.enabled"), "true", why) { StageIds = [stage.StageId], Priority = severity }));
                    recs.Add(new Recommendation(RecommendationKind.Config, "AQE must be on for coalescing",
                        new ConfigChange("spark.sql.adaptive.enabled", env.Get("spark.sql.adaptive.enabled"), "true", why) { StageIds = [stage.StageId], Priority = severity }));
                }
            }
            else
            {
                recs.Add(new Recommendation(RecommendationKind.Code, $"Coalesce the input of stage {stage.StageId} to ~{PartitionMath.RoundToCores(stage.Tasks.SucceededCount / 10, context.Facts.PeakCores)} partitions (coalesce(n) on the RDD/DataFrame, or compact the files it reads)") { StageId = stage.StageId });
            }

            yield return new Finding(
                $"parallelism-tiny-tasks-stage-{stage.StageId}-{stage.AttemptId}", "parallelism", severity, "Many Tiny Tasks", [stage.StageId],
                [new Evidence("parallelism.tinyTasks", stage.Tasks.SucceededCount, "tasks", Fmt.Stage(stage, $"{Fmt.N(stage.Tasks.SucceededCount)} tasks with median {Fmt.Ms(d.P50)} (p90 {Fmt.Ms(d.P90)})"), stage.StageId)],
                "Each task costs scheduling, serialization and a result round trip; with tasks this short that overhead rivals the work.",
                recs)
            {
                WhatWouldNotHelp = "More executors: the cost is per task, not per core.",
                ExpectedImprovement = $"Next run: stage {stage.StageId} median task above {Fmt.Ms(t.Value("parallelism.tinyTaskMs"))} with fewer tasks",
            };
        }
    }
}
