namespace SparkOptimizer.Model;

/// <summary>One attempt of a stage with its task statistics.</summary>
public sealed record StageInfo(
    int StageId,
    int AttemptId,
    string Name,
    string? Details,
    int NumTasks,
    IReadOnlyList<int> ParentIds,
    IReadOnlyList<int> JobIds,
    DateTimeOffset? SubmissionTime,
    DateTimeOffset? CompletionTime,
    StageStatus Status,
    string? FailureReason,
    long? SqlExecutionId,
    IReadOnlyList<RddInfo> Rdds,
    TaskStatistics Tasks,
    MetricPeaks ExecutorPeaks)
{
    public long? DurationMs => SubmissionTime is { } s && CompletionTime is { } e ? Math.Max(0, (long)(e - s).TotalMilliseconds) : null;

    public string Key => $"{StageId}.{AttemptId}";

    /// <summary>Named accumulators of the stage's completion that analysers read (<see cref="RapidsTaskMetrics.Names"/>), as stage totals.</summary>
    public IReadOnlyDictionary<string, long> Accumulators { get; init; } = NoAccumulators;

    private static readonly IReadOnlyDictionary<string, long> NoAccumulators = new Dictionary<string, long>();
}
