namespace SparkOptimizer.Reporting;

/// <summary>
/// Drops what only analysis needed from a finished report (SQL plan trees and texts, per-task duration lists, task
/// samples), so that a folder of a thousand logs can be reported without holding every run's full model.
/// The writers' output is unchanged: they print totals, distributions, findings and changes.
/// </summary>
public static class ReportSlimming
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static RunReport Slim(this RunReport report)
    {
        var run = report.Run;
        var stages = run.Stages.Select(s => s with
        {
            Tasks = s.Tasks with { Durations = [], SlowestTasks = s.Tasks.SlowestTasks.Take(1).ToArray(), LargestShuffleReads = [], LargestInputs = [] },
            Rdds = [],
        }).ToArray();
        var sql = run.SqlExecutions.Select(q => q with { Plan = null, PhysicalPlanDescription = null }).ToArray();
        var env = run.Environment with { HadoopProperties = Empty, SystemProperties = Empty };
        return report with { Run = run with { Stages = stages, SqlExecutions = sql, Environment = env } };
    }
}
