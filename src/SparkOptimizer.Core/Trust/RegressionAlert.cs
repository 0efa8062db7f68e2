namespace SparkOptimizer.Trust;

/// <summary>One run flagged as a slowdown against the cohort's recent baseline.</summary>
public sealed record RegressionAlert(int RunIndex, string RunId, double Slowdown, double Threshold);
