using SparkOptimizer.Ingest;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// What <see cref="EventLogFinder"/> found for a run: the log, or what was tried and whether waiting can help (a log not written
/// yet can appear; a location the policy refuses, or a run without a Spark app id, cannot).
/// </summary>
public sealed record EventLogSearch(EventLogInput? Input, string Tried, bool CanAppear)
{
    public static EventLogSearch Found(EventLogInput input, string where) => new(input, where, CanAppear: true);

    public static EventLogSearch Refused(string reason) => new(null, $"refused: {reason}", CanAppear: false);
}
