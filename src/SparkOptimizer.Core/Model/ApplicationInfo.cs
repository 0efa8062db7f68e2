namespace SparkOptimizer.Model;

/// <summary>Identity and timing of an application attempt.</summary>
public sealed record ApplicationInfo(
    string? Id,
    string? AttemptId,
    string? Name,
    string? User,
    string? SparkVersion,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset? LastEventTime)
{
    /// <summary>Application end minus start; null when either is missing.</summary>
    public long? DurationMs => StartTime is { } s && EndTime is { } e ? (long)(e - s).TotalMilliseconds : null;

    /// <summary>True when the log has no application end (still running, or cut short).</summary>
    public bool Incomplete => EndTime is null;

    /// <summary>Best known wall time: the real duration, else start to the last event seen.</summary>
    public long? ObservedSpanMs => DurationMs ?? (StartTime is { } s && LastEventTime is { } l ? (long)(l - s).TotalMilliseconds : null);
}
