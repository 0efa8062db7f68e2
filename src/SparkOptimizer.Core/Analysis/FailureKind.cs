namespace SparkOptimizer.Analysis;

/// <summary>Why a task or executor failed, in the classes that decide the lever: memory (JVM or container), infrastructure, shuffle loss, code.</summary>
public enum FailureKind
{
    Unknown,
    JvmOutOfMemory,
    ContainerKilled,
    Infrastructure,
    ExecutorLost,
    ShuffleFetch,
    Application,
    Killed,
    Heartbeat,

    /// <summary>The GPU ran out of memory (RAPIDS GpuRetryOOM / GpuSplitAndRetryOOM, RMM's pool exhausted): GPU levers, never the JVM heap.</summary>
    GpuOutOfMemory,
}
