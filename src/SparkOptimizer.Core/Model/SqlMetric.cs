namespace SparkOptimizer.Model;

/// <summary>A SQL plan metric; <see cref="Value"/> is null when the log holds no value for it.</summary>
public sealed record SqlMetric(string Name, long AccumulatorId, string MetricType, long? Value);
