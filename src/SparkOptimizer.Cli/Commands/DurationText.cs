using System.Globalization;

namespace SparkOptimizer.Cli.Commands;

/// <summary>Parses the durations users type: 90, 90s, 500ms, 30m, 2h, or a TimeSpan such as 00:30:00.</summary>
internal static class DurationText
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim().ToLowerInvariant();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                return TimeSpan.FromSeconds(n * seconds);
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            return TimeSpan.FromSeconds(plain);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new FormatException($"'{text}' is not a duration (use e.g. 90s, 30m, 2h)");
    }
}
