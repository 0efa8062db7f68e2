namespace SparkOptimizer.Ingest.Logs;

/// <summary>
/// What a set of driver and executor log events adds up to, as evidence for findings: counts by kind, the executors
/// that hit a JVM OOM or a memory kill (the two call for different fixes: heap against overhead), and GC pause figures.
/// </summary>
public sealed record LogEventSummary(
    IReadOnlyDictionary<LogEventKind, long> Counts,
    IReadOnlyList<string> ExecutorsWithJvmOutOfMemory,
    IReadOnlyList<string> ExecutorsKilledForMemory,
    long GcPauses,
    double? LongestGcPauseMs,
    double TotalGcPauseMs,
    LogEvent? FirstFailure)
{
    public static LogEventSummary Of(IEnumerable<LogEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var counter = new LogEventCounter();
        foreach (var e in events)
        {
            counter.Add(e);
        }

        return counter.Summary();
    }

    public long Count(LogEventKind kind) => Counts.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>Every event counted, kept or not.</summary>
    public long Total => Counts.Values.Sum();
}
