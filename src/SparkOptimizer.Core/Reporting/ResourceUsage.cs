using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Reporting;

/// <summary>What the run held and used, from its own executor lifetimes: the figures to show where no price is known.</summary>
public sealed record ResourceUsage(int Executors, int CoresPerExecutor, long HeapBytesPerExecutor, double ExecutorHours, double CoreHours, double BusyCoreHours, long WallMs, bool LocalMode)
{
    /// <summary>Core-hours held while no stage ran (driver-only time x the cores then held, at most the idle core-hours).</summary>
    public double DriverOnlyCoreHours { get; init; }

    public double IdleCoreHours => Math.Max(0, CoreHours - BusyCoreHours);

    public double BusyShare => CoreHours <= 0 ? 0 : Math.Min(1, BusyCoreHours / CoreHours);

    /// <summary>"3 executors x 2 cores x 30 GiB heap", or "local mode, 4 cores, 1 GiB heap".</summary>
    public string ShapeText() => LocalMode
        ? $"local mode, {CoresPerExecutor} cores, {Fmt.Bytes(HeapBytesPerExecutor)} heap"
        : $"{Executors} executor{(Executors == 1 ? string.Empty : "s")} x {CoresPerExecutor} core{(CoresPerExecutor == 1 ? string.Empty : "s")} x {Fmt.Bytes(HeapBytesPerExecutor)} heap";

    public static ResourceUsage From(SparkRun run)
    {
        var facts = RunFacts.From(run);
        var driverOnly = CriticalPath.Of(run, facts).DriverOnlyMs / 3_600_000.0 * facts.PeakCores;
        return new ResourceUsage(
            facts.Executors.Count,
            facts.ExecutorCores,
            facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes,
            facts.ExecutorHours,
            facts.CoreHours,
            run.Totals.TaskDurationMs / 3_600_000.0,
            facts.WallMs,
            facts.LocalMode)
        {
            DriverOnlyCoreHours = Math.Min(driverOnly, Math.Max(0, facts.CoreHours - (run.Totals.TaskDurationMs / 3_600_000.0))),
        };
    }
}
