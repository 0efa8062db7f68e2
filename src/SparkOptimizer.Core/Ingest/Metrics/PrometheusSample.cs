namespace SparkOptimizer.Ingest.Metrics;

/// <summary>One point of a Prometheus series.</summary>
public readonly record struct PrometheusSample(DateTimeOffset Time, double Value);
