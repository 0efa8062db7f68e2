namespace SparkOptimizer.Model;

/// <summary>One application attempt read from an event log: the single model every later stage works on.</summary>
public sealed record SparkRun(
    ApplicationInfo Application,
    SparkEnvironment Environment,
    IReadOnlyList<ExecutorInfo> Executors,
    IReadOnlyList<JobInfo> Jobs,
    IReadOnlyList<StageInfo> Stages,
    IReadOnlyList<SqlExecution> SqlExecutions,
    RunTotals Totals,
    VendorInfo Vendor,
    IReadOnlyList<IngestWarning> Warnings,
    RunSource Source)
{
    /// <summary>Executors without the driver.</summary>
    public IEnumerable<ExecutorInfo> WorkerExecutors => Executors.Where(e => !e.IsDriver);

    /// <summary>The driver, when the log names it (block manager "driver").</summary>
    public ExecutorInfo? Driver => Executors.FirstOrDefault(e => e.IsDriver);

    /// <summary>Completed stage attempts (the ones that ran to an end, successful or failed).</summary>
    public IEnumerable<StageInfo> CompletedStages => Stages.Where(s => s.Status is StageStatus.Complete or StageStatus.Failed);
}
