namespace SparkOptimizer.Ingest.Logs;

/// <summary>
/// One recognised line of a driver or executor log: its kind, when (if the line carries a time), which executor
/// (from the line, else the log's own executor), the 1-based line number, and the message as written.
/// <see cref="PauseMs"/> is set for GC pauses; <see cref="ExceptionClass"/> for exceptions and OOMs.
/// </summary>
public sealed record LogEvent(LogEventKind Kind, DateTimeOffset? Timestamp, string? Executor, long Line, string Message)
{
    public double? PauseMs { get; init; }

    public string? ExceptionClass { get; init; }

    public bool IsMemoryKill => Kind is LogEventKind.ContainerKilledByYarn or LogEventKind.OomKilled or LogEventKind.ExitCode137;

    public bool IsJvmOutOfMemory => Kind is LogEventKind.HeapOutOfMemory or LogEventKind.GcOverheadLimit or LogEventKind.DirectBufferOutOfMemory
        or LogEventKind.MetaspaceOutOfMemory or LogEventKind.OtherOutOfMemory;
}
