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
    /// <summary>Core-hours paid for but neither used by tasks nor explained by driver-only time or skew.</summary>
    public double IdleCoreHours => Math.Max(0, CoreHours - TaskCoreHours - DriverOnlyCoreHours - SkewTailCoreHours);

    /// <summary>Task core-hours against paid core-hours.</summary>
    public double Utilisation => CoreHours > 0 ? Math.Min(1, TaskCoreHours / CoreHours) : 0;

    public static RunFootprint FromRun(SparkRun run) => FootprintCalculator.Compute(run);
}
