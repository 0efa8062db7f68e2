namespace SparkOptimizer.Ingest.Logs;

/// <summary>What a driver or executor log line says happened.</summary>
public enum LogEventKind
{
    /// <summary>java.lang.OutOfMemoryError: Java heap space (or "Requested array size exceeds VM limit").</summary>
    HeapOutOfMemory,

    /// <summary>java.lang.OutOfMemoryError: GC overhead limit exceeded.</summary>
    GcOverheadLimit,

    /// <summary>java.lang.OutOfMemoryError: Direct buffer memory (off-heap, Netty, spark.executor.memoryOverhead).</summary>
    DirectBufferOutOfMemory,

    /// <summary>java.lang.OutOfMemoryError: Metaspace / Compressed class space.</summary>
    MetaspaceOutOfMemory,

    /// <summary>java.lang.OutOfMemoryError: unable to create native thread, or another OutOfMemoryError.</summary>
    OtherOutOfMemory,

    /// <summary>The GPU ran out of memory (RAPIDS GpuRetryOOM / GpuSplitAndRetryOOM, RMM "Maximum pool size exceeded", cuDF's
    /// "OutOfMemoryError: Could not allocate native memory: std::bad_alloc ... RMM failure"): not the JVM heap.</summary>
    GpuOutOfMemory,

    /// <summary>YARN: "Container killed by YARN for exceeding (physical|virtual) memory limits".</summary>
    ContainerKilledByYarn,

    /// <summary>Kubernetes: the pod's container was OOMKilled by the kernel (RSS over the pod memory limit).</summary>
    OomKilled,

    /// <summary>A container or executor exited with code 137 (SIGKILL, usually the kernel's OOM killer).</summary>
    ExitCode137,

    /// <summary>A GC pause from a GC log (JDK 8 -XX:+PrintGCDetails or JDK 9+ unified -Xlog:gc).</summary>
    GcPause,

    /// <summary>FetchFailedException / FetchFailed: a shuffle block could not be fetched (lost executor, bad disk, timeouts).</summary>
    FetchFailed,

    /// <summary>An executor was lost or removed for a reason other than memory.</summary>
    ExecutorLost,

    /// <summary>Any other exception or error class named on a line (stack frames are not repeated).</summary>
    Exception,
}
