using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// One run of a cohort as its capacity advice needs it: when it started, how long it held its nodes, and how it failed
/// (task failures, failed stage attempts, lost executors: null where the history does not keep them).
/// </summary>
public sealed record CohortRunCost(DateTimeOffset? Start, double DurationHours, bool Failed, long? FailedTasks, int? FailedStages, int? LostExecutors)
{
    /// <summary>The run had retries or losses that spot reclaims would add to.</summary>
    public bool Retried => FailedTasks > 0 || FailedStages > 0 || LostExecutors > 0;

    public static CohortRunCost From(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new CohortRunCost(
            run.Application.StartTime,
            (run.Application.ObservedSpanMs ?? 0) / 3_600_000.0,
            run.Application.Incomplete || run.Jobs.Any(j => j.Succeeded == false),
            run.Totals.FailedTasks,
            run.Totals.FailedStages,
            run.WorkerExecutors.Count(e => e.RemovedAt is not null && FootprintCalculator.IsLoss(e.RemovedReason)));
    }
}
