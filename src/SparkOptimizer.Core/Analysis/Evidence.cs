namespace SparkOptimizer.Analysis;

/// <summary>One number behind a finding: what was measured, its value with unit, and where (stage, executor, task).</summary>
public sealed record Evidence(string Metric, double Value, string Unit, string Display, int? StageId = null, string? ExecutorId = null, long? TaskId = null);
