namespace SparkOptimizer.Model;

/// <summary>An executor (or the driver) over its lifetime, with the task work it did.</summary>
public sealed record ExecutorInfo(
    string Id,
    string? Host,
    int Cores,
    DateTimeOffset? AddedAt,
    DateTimeOffset? RemovedAt,
    string? RemovedReason,
    long? MaxMemoryBytes,
    long? MaxOnHeapMemoryBytes,
    long? MaxOffHeapMemoryBytes,
    int TaskCount,
    int FailedTaskCount,
    long TaskTimeMs,
    long RunTimeMs,
    long GcTimeMs,
    long ShuffleReadBytes,
    long ShuffleWriteBytes,
    long InputBytes,
    MetricPeaks Peaks)
{
    public bool IsDriver => Id == "driver" || Id == "<driver>";

    /// <summary>When the last task that ran on it finished; a removal logged before this is a clock or edit artefact.</summary>
    public DateTimeOffset? LastTaskFinish { get; init; }
}
