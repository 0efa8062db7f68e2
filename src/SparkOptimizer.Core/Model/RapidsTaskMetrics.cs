namespace SparkOptimizer.Model;

/// <summary>
/// The RAPIDS Accelerator's task metrics (GpuTaskMetrics: named accumulators every task of a GPU run reports), kept per
/// stage as the stage's totals in <see cref="StageInfo.Accumulators"/>. Counts are counts; the *Time metrics are
/// milliseconds (RAPIDS logs them as "HH:MM:SS.mmm").
/// </summary>
public static class RapidsTaskMetrics
{
    /// <summary>Tasks' GPU allocations that failed and were retried after spilling (GpuRetryOOM caught and retried).</summary>
    public const string RetryCount = "gpuRetryCount";

    /// <summary>Retries that had to split their input in two first (GpuSplitAndRetryOOM caught and retried).</summary>
    public const string SplitAndRetryCount = "gpuSplitAndRetryCount";

    /// <summary>Time tasks spent blocked waiting for GPU memory before a retry.</summary>
    public const string RetryBlockTime = "gpuRetryBlockTime";

    /// <summary>Time tasks spent recomputing work a retry threw away.</summary>
    public const string RetryComputationTime = "gpuRetryComputationTime";

    /// <summary>Time spent spilling GPU memory to host memory.</summary>
    public const string SpillToHostTime = "gpuSpillToHostTime";

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        RetryCount, SplitAndRetryCount, RetryBlockTime, RetryComputationTime, SpillToHostTime,
    };
}
