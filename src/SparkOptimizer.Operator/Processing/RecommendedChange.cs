namespace SparkOptimizer.Operator.Processing;

/// <summary>One configuration change, e.g. spark.executor.memory from 4g to 8g.</summary>
public sealed record RecommendedChange(string Key, string? From, string To, string? Reason = null);
