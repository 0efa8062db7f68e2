namespace SparkOptimizer.Analysis;

/// <summary>Dr. Elephant's five levels; each metric maps onto them through four thresholds.</summary>
public enum Severity
{
    None = 0,
    Low = 1,
    Moderate = 2,
    Severe = 3,
    Critical = 4,
}
