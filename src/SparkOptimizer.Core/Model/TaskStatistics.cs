namespace SparkOptimizer.Model;

/// <summary>
/// Per-stage task statistics reduced while streaming: distributions of every task metric, the top tasks,
/// failure reasons, and the task durations (exact for small stages, a quantile summary for large ones).
/// </summary>
public sealed record TaskStatistics(
    int TaskCount,
    int SucceededCount,
    int FailedCount,
    int KilledCount,
    int SpeculativeCount,
    int DistinctExecutors,
    long? FirstLaunchMs,
    long? LastFinishMs,
    Distribution DurationMs,
    Distribution RunTimeMs,
    Distribution CpuTimeMs,
    Distribution GcTimeMs,
    Distribution DeserializeTimeMs,
    Distribution ShuffleReadBytes,
    Distribution ShuffleReadRecords,
    Distribution ShuffleWriteBytes,
    Distribution ShuffleWriteRecords,
    Distribution FetchWaitMs,
    Distribution ShuffleWriteTimeMs,
    Distribution MemorySpilledBytes,
    Distribution DiskSpilledBytes,
    Distribution InputBytes,
    Distribution InputRecords,
    Distribution OutputBytes,
    Distribution OutputRecords,
    Distribution PeakExecutionMemoryBytes,
    Distribution ResultSizeBytes,
    IReadOnlyList<TaskSample> SlowestTasks,
    IReadOnlyList<TaskSample> LargestShuffleReads,
    IReadOnlyList<TaskSample> LargestInputs,
    IReadOnlyDictionary<string, int> FailureReasons,
    IReadOnlyList<string> FailureExamples,
    IReadOnlyList<long> Durations,
    bool DurationsExact)
{
    public static TaskStatistics Empty { get; } = new(0, 0, 0, 0, 0, 0, null, null,
        Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty,
        Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty,
        Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty, Distribution.Empty,
        Distribution.Empty, [], [], [], new Dictionary<string, int>(), [], [], true);
}
