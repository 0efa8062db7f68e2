using System.Globalization;

namespace SparkOptimizer.Model;

/// <summary>
/// Spark's time strings as Spark reads them (JavaUtils.timeStringAs: an integer with an optional unit, "100ms", "10s",
/// "5min", "2h", "1d"; a bare number is in the setting's own unit) in milliseconds.
/// </summary>
public static class ConfDuration
{
    private static readonly (string Suffix, long Micros)[] Units =
    [
        ("ms", 1_000), ("us", 1), ("min", 60_000_000), ("m", 60_000_000), ("s", 1_000_000), ("h", 3_600_000_000), ("d", 86_400_000_000),
    ];

    public static long? Milliseconds(string? text, long bareUnitMs)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim().ToLowerInvariant();
        foreach (var (suffix, micros) in Units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && long.TryParse(t[..^suffix.Length], CultureInfo.InvariantCulture, out var v))
            {
                return v * micros / 1_000;
            }
        }

        return long.TryParse(t, CultureInfo.InvariantCulture, out var bare) ? bare * bareUnitMs : null;
    }
}
