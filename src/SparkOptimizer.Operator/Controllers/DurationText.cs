using System.Globalization;
using System.Text;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>Durations as kubectl users read them: 45m12s, 1h2m3s, 850ms.</summary>
public static class DurationText
{
    public static string Format(long milliseconds)
    {
        if (milliseconds < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, milliseconds)}ms");
        }

        var span = TimeSpan.FromMilliseconds(milliseconds);
        var text = new StringBuilder();
        if (span.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h");
        }

        if (span.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        }

        if (span.Seconds > 0 || text.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}s");
        }

        return text.ToString();
    }
}
