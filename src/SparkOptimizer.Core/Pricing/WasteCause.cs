namespace SparkOptimizer.Pricing;

/// <summary>Why paid capacity went unused.</summary>
public enum WasteCause
{
    /// <summary>Cores held while tasks ran but with no task on them (too few tasks, slow scheduling, over-provisioning).</summary>
    IdleCores,

    /// <summary>Executors held while only the driver worked (between jobs, before the first, after the last).</summary>
    DriverOnlyTime,

    /// <summary>Cores waiting on a stage's slowest tasks.</summary>
    SkewTail,

    /// <summary>Memory requested that the executors never used.</summary>
    UnusedMemory,

    /// <summary>Work thrown away: failed and killed task attempts, and the tasks of stage attempts that failed and ran again.</summary>
    FailedAttempts,
}
