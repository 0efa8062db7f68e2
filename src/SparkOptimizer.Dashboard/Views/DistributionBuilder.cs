using SparkOptimizer.Model;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>Task-duration boxes of the stage attempts that ran tasks, in stage order.</summary>
public static class DistributionBuilder
{
    public const int MaxStages = 40;

    public static IReadOnlyList<StageDistribution> Build(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var withTasks = run.Stages.Where(s => s.Tasks.DurationMs.Count > 0).ToList();
        // Many-stage runs keep the stages that took longest, then show them in stage order.
        var shown = withTasks.Count <= MaxStages ? withTasks : withTasks.OrderByDescending(s => s.Tasks.DurationMs.Sum).Take(MaxStages).ToList();
        return shown
            .OrderBy(s => s.StageId).ThenBy(s => s.AttemptId)
            .Select(s =>
            {
                var d = s.Tasks.DurationMs;
                return new StageDistribution(s.Key, s.Name, d.Count, d.Min, d.P25, d.P50, d.P75, d.P95, d.Max);
            })
            .ToList();
    }
}
