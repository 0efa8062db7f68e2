namespace SparkOptimizer.Analysis;

/// <summary>A concrete setting change: Spark conf key (or pod-side key such as executor.memoryOverhead), old and new value, and why.</summary>
public sealed record ConfigChange(string Key, string? From, string To, string Reason)
{
    /// <summary>The findings whose evidence asks for this change: a change without one is never emitted.</summary>
    public IReadOnlyList<string> FindingIds { get; init; } = [];

    /// <summary>The stages whose numbers motivated the change (the skew gate checks them).</summary>
    public IReadOnlyList<int> StageIds { get; init; } = [];

    /// <summary>How much the change matters when two findings ask for different values of one key (the finding's severity).</summary>
    public Severity Priority { get; init; } = Severity.Low;
}
