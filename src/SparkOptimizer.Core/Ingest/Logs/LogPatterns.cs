using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest.Logs;

/// <summary>The wordings that Spark, the JVM, YARN and Kubernetes use, as written in their logs.</summary>
internal static partial class LogPatterns
{
    [GeneratedRegex(@"(?<cls>com\.nvidia\.spark\.rapids\.jni\.Gpu(?:SplitAnd)?RetryOOM|Gpu(?:SplitAnd)?RetryOOM)|GPU OutOfMemory|Maximum pool size exceeded|std::bad_alloc[^\r\n]*(?:RMM|CUDA error)")]
    public static partial Regex GpuOutOfMemory();

    [GeneratedRegex(@"(?<cls>java\.lang\.OutOfMemoryError|io\.netty\.util\.internal\.OutOfDirectMemoryError)(?::\s*(?<what>[^\r\n]*))?")]
    public static partial Regex OutOfMemory();

    [GeneratedRegex(@"Container killed by YARN for exceeding (?:(?:physical|virtual) )?memory limits", RegexOptions.IgnoreCase)]
    public static partial Regex YarnKill();

    [GeneratedRegex(@"\bOOMKilled\b")]
    public static partial Regex OomKilled();

    [GeneratedRegex(@"exit(?:ed with)? (?:code|status)[:\s]*137\b|\bexitCode[=:]\s*137\b", RegexOptions.IgnoreCase)]
    public static partial Regex Exit137();

    [GeneratedRegex(@"\bFetchFailed(?:Exception)?\b")]
    public static partial Regex FetchFailed();

    [GeneratedRegex(@"Lost executor|ExecutorLostFailure|Executor lost|Removing executor|executor (?:\S+ )?(?:was )?lost|Executor heartbeat timed out|Decommission(?:ing|ed) executor", RegexOptions.IgnoreCase)]
    public static partial Regex ExecutorLost();

    // JDK 8: "[GC (Allocation Failure) ... , 0.0123 secs]" or "[Full GC (Ergonomics) ... , 1.23 secs]"; JDK 9+: "... Pause Young (Normal) ... 12.345ms".
    [GeneratedRegex(@"\[(?:Full )?GC\b.*?(?<secs>\d+(?:\.\d+)?) secs\]|\bPause (?:Young|Full|Remark|Cleanup|Initial Mark|Mixed)\b.*?(?<ms>\d+(?:\.\d+)?)ms\b")]
    public static partial Regex GcPause();

    [GeneratedRegex(@"(?<![\w.$])(?<cls>(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))\b")]
    public static partial Regex ExceptionClass();

    [GeneratedRegex(@"\bException in (?:task|thread)\b")]
    public static partial Regex ExceptionIn();

    [GeneratedRegex(@"^\s+at [\w$.<>]+\(|^\s*\.\.\. \d+ more")]
    public static partial Regex StackFrame();

    // "executor 5", "executor id: 5", "Executor ID 5", "BlockManagerId(5, host", "exec-5" pod names, "(executor 5 exited".
    [GeneratedRegex(@"[Ee]xecutor(?: with)?(?: [Ii][Dd])?[:\s]+(?<id>\d+|driver)\b|BlockManagerId\((?<id>\d+|driver),|-exec-(?<id>\d+)\b")]
    public static partial Regex ExecutorId();
}
