using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Logs;

/// <summary>
/// Adds log events up one at a time into a <see cref="LogEventSummary"/>, in memory bounded by the kinds and executors
/// seen (at most <see cref="InputBounds.MaxExecutors"/> of each list), never by the number of lines read.
/// </summary>
public sealed class LogEventCounter
{
    private readonly Dictionary<LogEventKind, long> _counts = [];
    private readonly HashSet<string> _jvmOutOfMemory = new(StringComparer.Ordinal);
    private readonly HashSet<string> _killedForMemory = new(StringComparer.Ordinal);
    private long _gcPauses;
    private double? _longestGcPauseMs;
    private double _totalGcPauseMs;
    private LogEvent? _firstFailure;

    public void Add(LogEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _counts[e.Kind] = _counts.GetValueOrDefault(e.Kind) + 1;
        if (e.Executor is { } executor)
        {
            if (e.IsJvmOutOfMemory && _jvmOutOfMemory.Count < InputBounds.MaxExecutors)
            {
                _jvmOutOfMemory.Add(executor);
            }

            if (e.IsMemoryKill && _killedForMemory.Count < InputBounds.MaxExecutors)
            {
                _killedForMemory.Add(executor);
            }
        }

        if (e is { Kind: LogEventKind.GcPause, PauseMs: { } pause })
        {
            _gcPauses++;
            _longestGcPauseMs = Math.Max(_longestGcPauseMs ?? pause, pause);
            _totalGcPauseMs += pause;
        }

        if ((e.IsJvmOutOfMemory || e.IsMemoryKill || e.Kind is LogEventKind.FetchFailed or LogEventKind.ExecutorLost) && Earlier(e, _firstFailure))
        {
            _firstFailure = e;
        }
    }

    public LogEventSummary Summary() => new(
        _counts.OrderBy(c => c.Key).ToDictionary(c => c.Key, c => c.Value),
        Ordered(_jvmOutOfMemory),
        Ordered(_killedForMemory),
        _gcPauses,
        _longestGcPauseMs,
        _totalGcPauseMs,
        _firstFailure);

    // the earliest by time (a line without one sorts last), then by line; the first seen wins a tie
    private static bool Earlier(LogEvent e, LogEvent? than) =>
        than is null || (e.Timestamp ?? DateTimeOffset.MaxValue, e.Line).CompareTo((than.Timestamp ?? DateTimeOffset.MaxValue, than.Line)) < 0;

    private static string[] Ordered(IEnumerable<string> executors) =>
        executors.OrderBy(id => int.TryParse(id, out var n) ? n : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal).ToArray();
}
