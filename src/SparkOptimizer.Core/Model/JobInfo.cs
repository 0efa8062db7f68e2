namespace SparkOptimizer.Model;

/// <summary>A Spark job: its stages and outcome.</summary>
public sealed record JobInfo(
    int JobId,
    DateTimeOffset? SubmissionTime,
    DateTimeOffset? CompletionTime,
    IReadOnlyList<int> StageIds,
    bool? Succeeded,
    string? FailureReason,
    long? SqlExecutionId,
    string? JobGroup)
{
    /// <summary>The job's description (spark.job.description), when the log has one.</summary>
    public string? Description { get; init; }

    public long? DurationMs => SubmissionTime is { } s && CompletionTime is { } e ? (long)(e - s).TotalMilliseconds : null;
}
