using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Logs;

/// <summary>One recognised line and the log it came from.</summary>
public sealed record KeptLogEvent(string File, LogEvent Event);

/// <summary>
/// What a scan of one or more driver and executor logs found, in bounded memory: every event is counted in
/// <see cref="Summary"/>, the first <see cref="MaxKeptPerKind"/> of each kind are kept in reading order, and lines cut
/// at <see cref="InputBounds.MaxLogLineBytes"/> are counted with the first one's place.
/// </summary>
public sealed class LogScan(int maxKeptPerKind = InputBounds.MaxKeptLogEventsPerKind)
{
    private readonly LogEventCounter _counter = new();
    private readonly Dictionary<LogEventKind, int> _keptByKind = [];
    private readonly List<KeptLogEvent> _kept = [];
    private long _counted;

    public int MaxKeptPerKind => maxKeptPerKind;

    /// <summary>The kept events, at most <see cref="MaxKeptPerKind"/> of each kind, in the order they were read.</summary>
    public IReadOnlyList<KeptLogEvent> Kept => _kept;

    /// <summary>The kept events alone, as the report's log evidence takes them.</summary>
    public IReadOnlyList<LogEvent> Events => _kept.Select(k => k.Event).ToArray();

    public long Lines { get; private set; }

    /// <summary>Lines longer than <see cref="InputBounds.MaxLogLineBytes"/>: only their start was looked at.</summary>
    public long LinesCut { get; private set; }

    /// <summary>Where the first cut line was (file and 1-based line), for the warning.</summary>
    public (string File, long Line)? FirstCut { get; private set; }

    /// <summary>Events counted but not kept, because their kind already had <see cref="MaxKeptPerKind"/>.</summary>
    public long NotKept => _counted - _kept.Count;

    public LogEventSummary Summary => _counter.Summary();

    internal void CountLine(string file, long line, bool cut)
    {
        Lines++;
        if (cut)
        {
            LinesCut++;
            FirstCut ??= (file, line);
        }
    }

    internal void Add(string file, LogEvent e)
    {
        _counter.Add(e);
        _counted++;
        var kept = _keptByKind.GetValueOrDefault(e.Kind);
        if (kept < maxKeptPerKind)
        {
            _keptByKind[e.Kind] = kept + 1;
            _kept.Add(new KeptLogEvent(file, e));
        }
    }
}
