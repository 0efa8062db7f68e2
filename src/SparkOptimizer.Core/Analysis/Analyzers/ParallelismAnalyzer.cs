using System.Globalization;
using SparkOptimizer.Analysis.Levers;
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

        if (SingleTaskStages(context) is { } single)
        {
            yield return single;
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

        // A task holds spark.task.cpus cores while it runs.
        var busy = (double)context.Run.Totals.TaskDurationMs * facts.TaskCpus;
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
            new("parallelism.widestStage", widest, "tasks", $"Widest stage: {widest} tasks for {facts.PeakSlots} task slots"),
        };
        var recs = new List<Recommendation>();
        if (!facts.LocalMode && !facts.DynamicAllocation && widest > 0 && widest < facts.PeakSlots * 0.75 && facts.ExecutorCores > 0)
        {
            // No stage could use more cores than it had tasks: cores beyond the widest stage only idle.
            var instances = Math.Max(1, (int)Math.Ceiling(widest * facts.TaskCpus / (double)facts.ExecutorCores));
            var why = $"no stage had more than {widest} tasks, so {facts.PeakSlots} task slots could never all be busy";
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
        var slots = facts.PeakSlots;
        if (slots <= 1)
        {
            yield break;
        }

        foreach (var stage in context.StagesWithTasks)
        {
            if (stage.DurationMs is not { } ms || ms < t.Value("parallelism.minStageMs") || SkewShape.PassesSkewGate(stage, t) || context.Levers.IsInternal(stage))
            {
                continue;
            }

            var perSlot = stage.NumTasks / (double)slots;
            var severity = t.Rate("parallelism.tasksPerCore", perSlot);
            if (severity == Severity.None)
            {
                continue;
            }

            var partitions = PartitionMath.RoundToCores(slots * 2L, slots);
            var why = $"stage {stage.StageId} ran {stage.NumTasks} tasks for {slots} task slots over {Fmt.Ms(ms)}";
            if (PartitionAdvice.ToPartitions(context, stage, partitions, why, severity) is not { } rec)
            {
                continue;
            }

            var lever = context.Levers.For(stage);
            yield return new Finding(
                $"parallelism-few-tasks-stage-{stage.StageId}-{stage.AttemptId}", "parallelism", severity, "Too Few Tasks for the Cores", [stage.StageId],
                [new Evidence("parallelism.tasksPerCore", perSlot, "ratio", Fmt.Stage(stage, $"{stage.NumTasks} tasks for {slots} task slots over {Fmt.Ms(ms)}: at most {Fmt.Pct(Math.Min(1, perSlot))} of the slots busy; {lever.Why}"), stage.StageId)],
                $"Stage {stage.StageId} is long and has fewer tasks than the run has task slots, so most cores wait while it runs.",
                [rec])
            {
                WhatWouldNotHelp = lever.IsCode
                    ? "More executors or a cluster-wide partition setting: the stage's partition count is fixed where it is made, and it cannot use the cores it already has."
                    : "More executors: the stage cannot use the cores it already has.",
                ExpectedImprovement = $"Next run: stage {stage.StageId} runs at least {slots} tasks (one per slot), ideally two waves",
            };
        }
    }

    /// <summary>
    /// Many stages of one task each (iterative ML over a one-partition DataFrame, loops of small actions): every core but one
    /// idles while they run. No setting reaches them: the data they iterate over sits in one partition.
    /// </summary>
    private static Finding? SingleTaskStages(AnalysisContext context)
    {
        var facts = context.Facts;
        var t = context.Thresholds;
        var slots = facts.PeakSlots;
        var single = context.StagesWithTasks.Where(s => s.NumTasks == 1 && !context.Levers.IsInternal(s)).DistinctBy(s => s.StageId).ToArray();
        if (slots <= 1 || single.Length < t.Value("parallelism.minSingleTaskStages") || facts.WallMs <= 0)
        {
            return null;
        }

        var ids = single.Select(s => s.StageId).ToArray();
        var share = ImpactCeiling.StageShare(context.Run, facts, ids);
        if (share < t.Value("parallelism.minSingleTaskShare"))
        {
            return null;
        }

        var ms = share * facts.WallMs;
        var severity = share >= 0.1 ? Severity.Moderate : Severity.Low;
        var sites = single.GroupBy(s => s.Name).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Key} ({g.Count()} stages)").ToArray();
        var target = PartitionMath.RoundToCores(slots, slots);
        return new Finding(
            "parallelism-single-task-stages", "parallelism", severity, "Many Single-Task Stages", ids,
            [new Evidence("parallelism.singleTaskStages", single.Length, "stages", $"{Fmt.N(single.Length)} stages ran one task each, {Fmt.Ms(ms)} of the run ({Fmt.Pct(share)}) with {slots - 1} of {slots} task slots idle; most: {string.Join(", ", sites)}", single[0].StageId)],
            "Each of these stages has one partition, so one task slot works while the rest wait; together they are a large part of the run. Their data sits in one partition where it was made (an Exchange or a coalesce into one partition, a small collect-sized dataset iterated over), so no cluster-wide partition setting reaches them.",
            [new Recommendation(RecommendationKind.Code, $"Repartition the data these stages iterate over in code (df.repartition({target}) or rdd.repartition({target}) before the loop or the model fit at {sites[0]}), so each stage runs about {target} tasks; cache it after repartitioning if it is reused") { StageId = single[0].StageId }])
        {
            WhatWouldNotHelp = "spark.sql.shuffle.partitions, spark.default.parallelism or more executors: the single partition is made in the code, and the idle slots are already there.",
            ExpectedImprovement = $"Next run: these stages run about {target} tasks each instead of 1; today they take {Fmt.Ms(ms)} of the run",
        };
    }

    private static IEnumerable<Finding> TinyTasks(AnalysisContext context)
    {
        var t = context.Thresholds;
        foreach (var stage in context.StagesWithTasks)
        {
            var d = stage.Tasks.DurationMs;
            if (d.P50 >= t.Value("parallelism.tinyTaskMs") || stage.Tasks.SucceededCount < t["parallelism.tinyTaskCount"][0] || context.Levers.IsInternal(stage))
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
            else if (PartitionAdvice.ToPartitions(context, stage, PartitionMath.RoundToCores(stage.Tasks.SucceededCount / 10, context.Facts.PeakSlots),
                         $"stage {stage.StageId} ran {Fmt.N(stage.Tasks.SucceededCount)} tasks of median {Fmt.Ms(d.P50)}", severity) is { } fewer)
            {
                recs.Add(fewer);
            }

            if (recs.Count == 0)
            {
                continue;
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
