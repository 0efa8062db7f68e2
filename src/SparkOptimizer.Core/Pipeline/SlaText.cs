using System.Globalization;

namespace SparkOptimizer.Pipeline;

/// <summary>Reads an SLA as users write it on an app ("45m", "2h", "90s", "1h30m"); null when it is not a duration.</summary>
public static class SlaText
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var number = string.Empty;
        foreach (var ch in text.Trim().ToLowerInvariant())
        {
            if (char.IsDigit(ch) || ch == '.')
            {
                number += ch;
                continue;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            total += ch switch
            {
                'h' => TimeSpan.FromHours(value),
                'm' => TimeSpan.FromMinutes(value),
                's' => TimeSpan.FromSeconds(value),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return null;
            }

            number = string.Empty;
        }

        return number.Length > 0 || total <= TimeSpan.Zero ? null : total;
    }
}
