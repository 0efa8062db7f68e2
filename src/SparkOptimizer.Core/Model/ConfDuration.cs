using System.Globalization;

namespace SparkOptimizer.Model;

/// <summary>Spark's time strings ("100ms", "10s", "5min", "2h", "1d"; a bare number in the setting's own unit) in milliseconds.</summary>
public static class ConfDuration
{
    private static readonly (string Suffix, double Ms)[] Units =
    [
        ("ms", 1), ("us", 0.001), ("min", 60_000), ("m", 60_000), ("s", 1_000), ("h", 3_600_000), ("d", 86_400_000),
    ];

    public static double? Milliseconds(string? text, double bareUnitMs = 1)
    {
        var s = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        foreach (var (suffix, ms) in Units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && Parse(s[..^suffix.Length]) is { } n)
            {
                return n * ms;
            }
        }

        return Parse(s) is { } bare ? bare * bareUnitMs : null;
    }

    private static double? Parse(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v : null;
}
