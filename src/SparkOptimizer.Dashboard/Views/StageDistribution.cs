namespace SparkOptimizer.Dashboard.Views;

/// <summary>Task durations of one stage attempt as a box: min, quartiles, p95, max.</summary>
public sealed record StageDistribution(string Key, string Name, long Tasks, long MinMs, long P25Ms, long P50Ms, long P75Ms, long P95Ms, long MaxMs);
