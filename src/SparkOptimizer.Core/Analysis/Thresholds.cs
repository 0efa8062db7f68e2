namespace SparkOptimizer.Analysis;

/// <summary>Threshold values by name ("skew.durationRatio" -> four levels). Defaults live in <see cref="ThresholdDefaults"/>.</summary>
public sealed record Thresholds(IReadOnlyDictionary<string, double[]> Levels)
{
    public static Thresholds Default { get; } = new(ThresholdDefaults.All);

    public double[] this[string name] => Levels.TryGetValue(name, out var v) ? v : ThresholdDefaults.All[name];
}
