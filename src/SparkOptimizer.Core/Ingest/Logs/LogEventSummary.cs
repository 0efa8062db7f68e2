namespace SparkOptimizer.Ingest.Logs;

/// <summary>
/// What a set of driver and executor log events adds up to, as evidence for findings: counts by kind, the executors
/// that hit a JVM OOM or a memory kill (the two call for different fixes: heap against overhead), and GC pause figures.
/// </summary>
public sealed record LogEventSummary(
    IReadOnlyDictionary<LogEventKind, int> Counts,
    IReadOnlyList<string> ExecutorsWithJvmOutOfMemory,
    IReadOnlyList<string> ExecutorsKilledForMemory,
    int GcPauses,
    double? LongestGcPauseMs,
    double TotalGcPauseMs,
    LogEvent? FirstFailure)
{
    public static LogEventSummary Of(IEnumerable<LogEvent> events)
    {
        var all = events as IReadOnlyCollection<LogEvent> ?? events.ToArray();
        var pauses = all.Where(e => e.Kind == LogEventKind.GcPause && e.PauseMs is not null).Select(e => e.PauseMs!.Value).ToArray();
        return new LogEventSummary(
            all.GroupBy(e => e.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            Executors(all.Where(e => e.IsJvmOutOfMemory)),
            Executors(all.Where(e => e.IsMemoryKill)),
            pauses.Length,
            pauses.Length == 0 ? null : pauses.Max(),
            pauses.Sum(),
            all.Where(e => e.IsJvmOutOfMemory || e.IsMemoryKill || e.Kind is LogEventKind.FetchFailed or LogEventKind.ExecutorLost)
                .OrderBy(e => e.Timestamp ?? DateTimeOffset.MaxValue).ThenBy(e => e.Line).FirstOrDefault());
    }

    public int Count(LogEventKind kind) => Counts.TryGetValue(kind, out var n) ? n : 0;

    private static string[] Executors(IEnumerable<LogEvent> events) =>
        events.Select(e => e.Executor).OfType<string>().Distinct(StringComparer.Ordinal)
            .OrderBy(id => int.TryParse(id, out var n) ? n : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal).ToArray();
}
