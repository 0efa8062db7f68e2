using System.Globalization;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// spark.task.cpus above 1 for tasks that use one thread: each task holds several cores and uses one, so the executors run
/// a fraction of the tasks they could. A task resource (GPU) makes the setting deliberate and is left alone.
/// </summary>
public sealed class TaskCpusAnalyzer : IAnalyzer
{
    public string Id => "task-cpus";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var facts = context.Facts;
        var env = context.Run.Environment;
        if (facts.TaskCpus <= 1 || facts.LocalMode || env.SparkProperties.Keys.Any(k => k.StartsWith("spark.task.resource.", StringComparison.Ordinal)))
        {
            yield break;
        }

        var stages = context.StagesWithTasks.ToArray();
        var cpuMs = stages.Sum(s => s.Tasks.CpuTimeMs.Sum);
        var runMs = stages.Sum(s => s.Tasks.RunTimeMs.Sum);
        if (runMs <= 0 || cpuMs <= 0 || facts.CoreCapacityMs <= 0)
        {
            yield break;
        }

        // Threads a task keeps busy on average; a task that uses all its cores leaves nothing idle.
        var threads = cpuMs / (double)runMs;
        var needed = Math.Clamp((int)Math.Ceiling(threads - 0.15), 1, facts.TaskCpus);
        if (needed >= facts.TaskCpus)
        {
            yield break;
        }

        var heldMs = stages.Sum(s => s.Tasks.DurationMs.Sum) * (double)facts.TaskCpus;
        var idleShare = Math.Clamp(heldMs * (1 - (needed / (double)facts.TaskCpus)) / facts.CoreCapacityMs, 0, 1);
        var severity = SeverityScale.Min(SeverityScale.Max(context.Thresholds.Rate("parallelism.idleCoreShare", idleShare), Severity.Low), Severity.Moderate);
        var to = needed.ToString(CultureInfo.InvariantCulture);
        var why = $"spark.task.cpus={facts.TaskCpus} on {facts.ExecutorCores}-core executors runs {facts.PeakSlots} tasks at once on {facts.PeakCores} cores, yet the tasks used {Fmt.D(threads)} core(s) each ({Fmt.Ms(cpuMs)} of CPU in {Fmt.Ms(runMs)} of run time)";
        yield return new Finding(
            "parallelism-task-cpus", "parallelism", severity, "Cores Held Idle by spark.task.cpus", [],
            [
                new Evidence("parallelism.taskThreads", threads, "cores", $"Tasks used {Fmt.D(threads)} core(s) each: {Fmt.Ms(cpuMs)} of CPU time in {Fmt.Ms(runMs)} of task run time"),
                new Evidence("parallelism.taskSlots", facts.PeakSlots, "slots", $"Task slots: {facts.PeakSlots} ({facts.PeakCores} cores / spark.task.cpus={facts.TaskCpus})"),
            ],
            $"Each task reserves spark.task.cpus={facts.TaskCpus} cores but keeps about one busy: while tasks run, about {Fmt.Pct(1 - (needed / (double)facts.TaskCpus))} of the cores they hold sit idle, and every stage runs in {facts.TaskCpus / needed} times as many waves as the cores allow.",
            [new Recommendation(RecommendationKind.Config, $"Set spark.task.cpus to {to}: {why}", new ConfigChange("spark.task.cpus", env.Get("spark.task.cpus"), to, why) { Priority = severity })])
        {
            WhatWouldNotHelp = "More executors: each would still run one task per spark.task.cpus cores.",
            ExpectedImprovement = $"Next run: each executor runs {Math.Max(1, facts.ExecutorCores / needed)} tasks at once instead of {Math.Max(1, facts.ExecutorCores / facts.TaskCpus)}, on the same cores",
        };
    }
}
