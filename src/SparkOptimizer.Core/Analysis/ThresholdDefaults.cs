namespace SparkOptimizer.Analysis;

/// <summary>
/// Default thresholds, in one place. <see cref="All"/> holds four-level scales (low, moderate, severe, critical;
/// a scale whose first level is above its last rates low values as worse). <see cref="Values"/> holds floors and targets.
/// config/thresholds.yaml documents each one; keep the two in step.
/// </summary>
public static class ThresholdDefaults
{
    private const double MiB = 1024 * 1024;
    private const double GiB = 1024 * MiB;

    public static IReadOnlyDictionary<string, double[]> All { get; } = new Dictionary<string, double[]>(StringComparer.Ordinal)
    {
        // Skew: slowest task against the median task (low from the skew gate's 3x; DataFlint fires at 10x), the seconds it adds, and bytes max/median.
        ["skew.durationRatio"] = [3, 5, 10, 20],
        ["skew.excessSeconds"] = [5, 15, 30, 120],
        ["skew.bytesRatio"] = [2, 4, 8, 16],

        // Spill: bytes spilled to disk against the bytes the stage read (shuffle + input).
        ["spill.diskToReadRatio"] = [0.05, 0.2, 0.5, 1.0],

        // GC: share of executor run time in garbage collection (Dr. Elephant rates 8 % upwards).
        ["gc.timeShare"] = [0.08, 0.1, 0.15, 0.25],

        // Memory: peak JVM heap against the heap size, peak RSS against heap + overhead; under-use rates low peaks.
        ["memory.heapUsedShare"] = [0.8, 0.9, 0.95, 0.99],
        ["memory.containerUsedShare"] = [0.85, 0.9, 0.95, 1.0],
        ["memory.underusedShare"] = [0.7, 0.5, 0.35, 0.2],

        // Parallelism: idle share of executor core time (DataFlint fires at 50 %); tasks per core in long stages; tiny tasks.
        ["parallelism.idleCoreShare"] = [0.3, 0.5, 0.7, 0.85],
        ["parallelism.tasksPerCore"] = [0.9, 0.75, 0.5, 0.25],
        ["parallelism.tinyTaskCount"] = [1000, 5000, 20000, 100000],

        // Shuffle: MiB per reduce partition (target 128-200 MiB), too big and too small; fetch wait share of run time.
        ["shuffle.partitionMiB"] = [256, 512, 1024, 2048],
        ["shuffle.smallPartitionMiB"] = [16, 4, 1, 0.25],
        ["shuffle.fetchWaitShare"] = [0.1, 0.2, 0.3, 0.5],

        // I/O: MiB read per task (small files), MiB written per output task (small output files).
        ["io.inputMiBPerTask"] = [32, 8, 2, 0.5],
        ["io.outputMiBPerTask"] = [32, 8, 2, 0.5],
        ["io.rowFormatBytes"] = [1 * GiB, 10 * GiB, 100 * GiB, 1024 * GiB],

        // Caching: bytes cached and never read again; times one input is scanned.
        ["caching.unusedBytes"] = [64 * MiB, 1 * GiB, 10 * GiB, 100 * GiB],
        ["caching.repeatedScans"] = [2, 3, 5, 10],

        // Joins: bytes a broadcast would save (the big side's shuffle), broadcast size (DataFlint: > 1 GiB), nested-loop output rows.
        ["join.shuffleSavedBytes"] = [128 * MiB, 1 * GiB, 10 * GiB, 100 * GiB],
        ["join.broadcastBytes"] = [256 * MiB, 512 * MiB, 1 * GiB, 4 * GiB],
        ["join.nestedLoopRows"] = [1e6, 1e8, 1e10, 1e12],

        // Failures: failed share of task attempts, executors lost, JVM OOMs and container kills.
        ["failures.taskFailureShare"] = [0.005, 0.02, 0.1, 0.25],
        ["failures.lostExecutors"] = [1, 2, 5, 10],
        ["failures.oomCount"] = [1, 1, 1, 3],

        // GPU (RAPIDS): time blocked or recomputed in GPU out-of-memory retries against the task time of the stages that retried.
        ["gpu.retryTimeShare"] = [0.02, 0.05, 0.15, 0.3],

        // Driver: share of wall time with no stage running (Sparklens' driver time).
        ["driver.idleShare"] = [0.1, 0.25, 0.5, 0.75],

        // Speculation: slowest / median task for stragglers not explained by data.
        ["speculation.durationRatio"] = [3, 5, 10, 20],

        // Dynamic allocation: idle share of executor time when executors are fixed.
        ["dynamicAllocation.idleShare"] = [0.3, 0.5, 0.7, 0.85],

        // Serializer: RDD shuffle bytes written with the Java serializer.
        ["serializer.rddShuffleBytes"] = [1 * GiB, 10 * GiB, 100 * GiB, 1024 * GiB],

        // Impact: the share of the run's wall time a finding's stages cover caps its severity (under 1 % is at most low).
        ["impact.runShare"] = [0, 0.01, 0.25, 0.5],
    };

    public static IReadOnlyDictionary<string, double> Values { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["skew.minTasks"] = 4,
        ["skew.minMaxTaskMs"] = 5000,
        ["skew.minMaxTaskBytes"] = 64 * MiB,
        ["skew.dataExplainedRatio"] = 1.5,

        // The skew gate (issue 10): no partition increase for a stage whose trouble is skew.
        ["skewGate.durationRatio"] = 3,
        ["skewGate.minSlowestMs"] = 30000,
        ["skewGate.bytesToMeanRatio"] = 3,
        ["skewGate.minLargestReadBytes"] = 100_000_000,

        ["spill.minDiskBytes"] = 32 * MiB,
        ["spill.minMemoryBytes"] = 256 * MiB,

        ["gc.minRunTimeMs"] = 60000,
        ["gc.lowShare"] = 0.01,

        ["memory.buffer"] = 0.2,
        ["memory.minHeapForRightSizing"] = 2 * GiB,
        ["memory.minRunTimeMsForRightSizing"] = 600000,

        ["parallelism.minWallMs"] = 60000,
        ["parallelism.minStageMs"] = 30000,
        ["parallelism.tinyTaskMs"] = 200,
        ["parallelism.minSingleTaskStages"] = 20,
        ["parallelism.minSingleTaskShare"] = 0.05,

        ["shuffle.targetPartitionMiB"] = 128,
        ["shuffle.maxPartitionMiB"] = 200,
        ["shuffle.minSmallShuffleBytes"] = 1 * GiB,
        ["shuffle.minSmallShuffleStageMs"] = 3000,
        ["shuffle.minFetchWaitMs"] = 60000,

        ["io.minInputTasks"] = 200,
        ["io.minOutputTasks"] = 100,
        ["io.targetPartitionMiB"] = 128,

        ["caching.minScanBytes"] = 128 * MiB,

        ["join.broadcastCandidateBytes"] = 100 * MiB,

        ["driver.minWallMs"] = 60000,

        ["speculation.minExecutors"] = 3,
        ["speculation.hostShare"] = 0.6,

        ["dynamicAllocation.minWallMs"] = 300000,
    };
}
