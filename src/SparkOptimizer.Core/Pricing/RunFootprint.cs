using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>
/// What a run held and what it used, from its event log alone: executor and core hours paid for (each executor's cores
/// and memory request over its life), task core-hours used, and the idle core-hours split by cause.
/// </summary>
public sealed record RunFootprint(
    double DurationHours,
    double ActiveJobHours,
    int PeakExecutors,
    int CoresPerExecutor,
    ByteSize ExecutorMemoryRequest,
    ByteSize? PeakExecutorMemoryUsed,
    int DriverCores,
    ByteSize DriverMemoryRequest,
    double ExecutorHours,
    double CoreHours,
    double MemoryGiBHours,
    double TaskCoreHours,
    double DriverOnlyCoreHours,
    double SkewTailCoreHours,
    double? UnusedMemoryGiBHours,
    long ShuffleWriteBytes,
    long LongestStageMs,
    int LostExecutors,
    bool Local)
{
    /// <summary>
    /// Core-hours of work thrown away: the successful tasks of stage attempts that failed (already in <see cref="TaskCoreHours"/>)
    /// plus failed and killed task attempts, whose time the log does not keep: each is estimated at its stage's median task time
    /// (the stage's wall time where no task succeeded), at most the time no task, driver-only span or skew tail explains.
    /// </summary>
    public double FailedAttemptCoreHours => FailedStageCoreHours + FailedTaskCoreHours;

    /// <summary>Task core-hours of stage attempts that failed (their work was redone by the next attempt).</summary>
    public double FailedStageCoreHours { get; init; }

    /// <summary>Estimated core-hours of failed and killed task attempts (outside <see cref="TaskCoreHours"/>).</summary>
    public double FailedTaskCoreHours { get; init; }

    /// <summary>Core-hours paid for but neither used by tasks nor explained by driver-only time, skew or failed attempts.</summary>
    public double IdleCoreHours => Math.Max(0, CoreHours - TaskCoreHours - DriverOnlyCoreHours - SkewTailCoreHours - FailedTaskCoreHours);

    /// <summary>Task core-hours against paid core-hours.</summary>
    public double Utilisation => CoreHours > 0 ? Math.Min(1, TaskCoreHours / CoreHours) : 0;

    public static RunFootprint FromRun(SparkRun run) => FootprintCalculator.Compute(run);
}
