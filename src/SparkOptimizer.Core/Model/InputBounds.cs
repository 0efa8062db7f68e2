namespace SparkOptimizer.Model;

/// <summary>
/// The bound on every quantity read from a log or given by a caller, checked where the value enters (the event-log
/// parser, `whatif`, the MCP tools, the simulator). Past a bound a log's value is clamped or dropped with a warning
/// naming file, line and field; a caller's value is refused with a one-line reason. docs/hardening.md has the table.
/// Each bound is far above anything a real cluster reaches, and low enough that no single number can exhaust memory.
/// </summary>
public static class InputBounds
{
    /// <summary>Executors in one application (a run, a what-if target, dynamic allocation's maximum).</summary>
    public const int MaxExecutors = 100_000;

    /// <summary>Cores per executor (Total Cores, spark.executor.cores).</summary>
    public const int MaxCoresPerExecutor = 1_024;

    /// <summary>Task slots the simulator materialises (executors x slots); it also never makes more than the tasks it replays.</summary>
    public const long MaxSlots = 1_000_000;

    /// <summary>Tasks of one stage (Number of Tasks) and partitions of one RDD or shuffle (spark.sql.shuffle.partitions).</summary>
    public const int MaxTasksPerStage = 10_000_000;

    /// <summary>Distinct stages kept per application; later stages are counted in a warning, not kept.</summary>
    public const int MaxStages = 1_000_000;

    /// <summary>One memory size (executor memory, a block manager's maximum, an RDD's size, bytes of one task): 1 PiB.</summary>
    public const long MaxMemoryBytes = 1L << 50;

    /// <summary>Latest timestamp accepted, in epoch milliseconds (9999-12-31T23:59:59.999Z); earlier than 1970 is refused too.</summary>
    public const long MaxTimestampMs = 253_402_300_799_999;

    /// <summary>One duration (a task's run, CPU or GC time, a stage, a what-if SLA): 100 years in milliseconds.</summary>
    public const long MaxDurationMs = 100L * 365 * 24 * 3600 * 1000;

    /// <summary>Bytes of one driver or executor log line that are looked at: a longer line is cut here, its rest skipped unread into memory.</summary>
    public const int MaxLogLineBytes = 64 * 1024;

    /// <summary>Driver and executor log events kept per kind (OOMs, GC pauses, ...) in one scan; later ones of that kind are only counted.</summary>
    public const int MaxKeptLogEventsPerKind = 1_000;

    /// <summary>A what-if speed factor or memory fraction is a positive ratio at most this.</summary>
    public const double MaxRatio = 1_000;

    /// <summary>Characters of a caller's input echoed back in an error.</summary>
    public const int MaxEchoedChars = 200;

    /// <summary>Cuts a caller's input for an error message, saying how long it was.</summary>
    public static string Echo(string? text) =>
        text is null ? "null" : text.Length <= MaxEchoedChars ? text : $"{text[..MaxEchoedChars]}... ({text.Length} characters)";

    /// <summary>A + b for non-negative totals, saturating at long.MaxValue instead of wrapping to a negative figure.</summary>
    public static long SaturatingAdd(long a, long b)
    {
        var sum = unchecked(a + b);
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }
}
