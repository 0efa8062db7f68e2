namespace SparkOptimizer.Analysis;

/// <summary>A concrete setting change: Spark conf key (or pod-side key such as executor.memoryOverhead), old and new value, and why.</summary>
public sealed record ConfigChange(string Key, string? From, string To, string Reason);
