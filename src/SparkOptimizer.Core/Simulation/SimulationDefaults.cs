namespace SparkOptimizer.Simulation;

/// <summary>Every tunable constant of the what-if simulator, named in one place.</summary>
public static class SimulationDefaults
{
    /// <summary>Spark's reserved system memory per executor heap (RESERVED_SYSTEM_MEMORY_BYTES).</summary>
    public const long ReservedMemoryBytes = 300L * 1024 * 1024;

    /// <summary>spark.memory.fraction default.</summary>
    public const double MemoryFraction = 0.6;

    /// <summary>Disk throughput assumed for spill (bytes per millisecond; written once, read once).</summary>
    public const double SpillBytesPerMs = 100_000;

    /// <summary>Spill time is never credited with more than this share of a stage's task time.</summary>
    public const double MaxSpillShare = 0.6;

    /// <summary>Fixed per-task cost (launch, deserialise, result) that does not shrink with smaller partitions.</summary>
    public const long TaskOverheadMs = 10;

    /// <summary>GC share of task time never predicted above this.</summary>
    public const double MaxGcShare = 0.9;

    /// <summary>A task slower than this many times the stage median is a skewed (hot-key) task that repartitioning cannot split.</summary>
    public const double SkewRatio = 5.0;

    /// <summary>spark.dynamicAllocation.executorIdleTimeout default.</summary>
    public const long DynamicAllocationIdleTimeoutMs = 60_000;

    /// <summary>Seeds used for the task-order sensitivity runs (fixed: the replay is deterministic).</summary>
    public static readonly IReadOnlyList<int> SensitivitySeeds = [17, 4242, 90001];

    /// <summary>Relative perturbation of the uncertain model parameters (GC, spill throughput, speed) in the sensitivity runs.</summary>
    public const double ParameterPerturbation = 0.25;

    /// <summary>Smallest half-width of a prediction interval, as a share of the prediction.</summary>
    public const double MinIntervalShare = 0.05;

    /// <summary>Logs shorter than this are too dominated by start-up to measure the replay's error on.</summary>
    public const long MinAccuracyDurationMs = 10_000;

    /// <summary>Time for dynamic allocation to bring up the executors above the initial count once tasks queue.</summary>
    public const long DynamicAllocationRampMs = 5_000;

    /// <summary>spark.sql.adaptive.advisoryPartitionSizeInBytes default (64 MiB).</summary>
    public const long AdvisoryPartitionBytes = 64L * 1024 * 1024;

    /// <summary>Interval widening per unit of |log ratio| between the target and observed configuration (slots, memory, partitions, speed).</summary>
    public const double ExtrapolationIntervalPerLog = 0.05;

    /// <summary>Above this many tasks a stage is replayed as groups of consecutive (similar) tasks run back to back, keeping total work and memory bounded.</summary>
    public const int MaxReplayTasksPerStage = 250_000;
}
