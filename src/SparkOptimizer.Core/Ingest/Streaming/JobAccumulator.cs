namespace SparkOptimizer.Ingest.Streaming;

/// <summary>A job as seen from its start and end events.</summary>
internal sealed class JobAccumulator(int jobId)
{
    public int JobId { get; } = jobId;

    public long SubmissionTime { get; set; }

    public long CompletionTime { get; set; }

    public List<int> StageIds { get; set; } = [];

    public bool? Succeeded { get; set; }

    public string? FailureReason { get; set; }

    public long? SqlExecutionId { get; set; }

    public string? JobGroup { get; set; }

    /// <summary>spark.job.description (cut to 200 characters): Spark's own jobs say what they are, e.g. "Listing leaf files and directories".</summary>
    public string? Description { get; set; }
}
