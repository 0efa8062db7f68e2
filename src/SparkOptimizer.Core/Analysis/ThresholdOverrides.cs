using System.Globalization;

namespace SparkOptimizer.Analysis;

/// <summary>
/// Per-app threshold overrides as they come from a SparkOptimization's spec: "skew.durationRatio": "3,5,10,20" for a
/// four-level scale, "skew.minMaxTaskMs": "10000" for a single setting. Unknown names and bad numbers are reported, not applied.
/// </summary>
public static class ThresholdOverrides
{
    public static Thresholds Apply(Thresholds baseline, IEnumerable<KeyValuePair<string, string>>? overrides, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        problems = errors;
        if (overrides is null)
        {
            return baseline;
        }

        var levels = new Dictionary<string, double[]>(baseline.Levels, StringComparer.Ordinal);
        var values = new Dictionary<string, double>(baseline.Values, StringComparer.Ordinal);
        foreach (var (name, text) in overrides)
        {
            var numbers = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : (double?)null)
                .ToArray();
            if (numbers.Any(n => n is null) || numbers.Length == 0)
            {
                errors.Add($"threshold '{name}': '{text}' is not a list of numbers");
            }
            else if (ThresholdDefaults.All.ContainsKey(name))
            {
                if (numbers.Length == 4)
                {
                    levels[name] = numbers.Select(n => n!.Value).ToArray();
                }
                else
                {
                    errors.Add($"threshold '{name}' needs four levels: low, moderate, severe, critical");
                }
            }
            else if (ThresholdDefaults.Values.ContainsKey(name) && numbers.Length == 1)
            {
                values[name] = numbers[0]!.Value;
            }
            else
            {
                errors.Add($"unknown threshold '{name}'");
            }
        }

        return new Thresholds(levels) { Values = values };
    }
}
