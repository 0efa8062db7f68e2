namespace SparkOptimizer.Analysis;

/// <summary>Default thresholds, in one place: low, moderate, severe, critical.</summary>
public static class ThresholdDefaults
{
    public static IReadOnlyDictionary<string, double[]> All { get; } = new Dictionary<string, double[]>(StringComparer.Ordinal)
    {
        ["skew.durationRatio"] = [2, 4, 8, 16],
    };
}
