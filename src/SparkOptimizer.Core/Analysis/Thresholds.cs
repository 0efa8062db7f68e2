namespace SparkOptimizer.Analysis;

/// <summary>
/// Threshold values by name: four-level scales ("skew.durationRatio" -> low, moderate, severe, critical) and single
/// settings such as floors ("skew.minMaxTaskMs"). Defaults live in <see cref="ThresholdDefaults"/>; config/thresholds.yaml overrides them.
/// </summary>
public sealed record Thresholds(IReadOnlyDictionary<string, double[]> Levels)
{
    public static Thresholds Default { get; } = new(ThresholdDefaults.All);

    /// <summary>Single-valued settings (floors, targets, buffers); missing names fall back to the defaults.</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = ThresholdDefaults.Values;

    public double[] this[string name] => Levels.TryGetValue(name, out var v) ? v : ThresholdDefaults.All[name];

    public double Value(string name) => Values.TryGetValue(name, out var v) ? v : ThresholdDefaults.Values[name];

    /// <summary>Dr. Elephant's rule: the highest of the four levels the value reaches (descending scales rate low values).</summary>
    public Severity Rate(string name, double value) => SeverityScale.Rate(this[name], value);
}
