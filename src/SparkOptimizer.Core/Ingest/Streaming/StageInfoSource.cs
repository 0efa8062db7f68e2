namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Which event a "Stage Info" object came from: each carries a different subset worth reading (job starts' lists are read for ids only).</summary>
internal enum StageInfoSource
{
    StageSubmitted,
    StageCompleted,
}
