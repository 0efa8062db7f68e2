namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>What a merged recommendation predicted for a later run, to draw against what that run observed.</summary>
public sealed record PredictedRun(string RunId, long PredictedDurationMs, long? LowMs = null, long? HighMs = null);
