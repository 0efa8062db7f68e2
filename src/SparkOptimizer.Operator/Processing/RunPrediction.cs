namespace SparkOptimizer.Operator.Processing;

/// <summary>Predicted duration and cost with the recommended changes, with intervals.</summary>
public sealed record RunPrediction(long DurationMs, long LowMs, long HighMs, double? Cost, double? CostLow = null, double? CostHigh = null, double? Saving = null, double? SavingPercent = null);
