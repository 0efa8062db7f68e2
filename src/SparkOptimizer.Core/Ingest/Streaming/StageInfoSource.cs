namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Which event a "Stage Info" object came from: each carries a different subset worth reading.</summary>
internal enum StageInfoSource
{
    JobStart,
    StageSubmitted,
    StageCompleted,
}
