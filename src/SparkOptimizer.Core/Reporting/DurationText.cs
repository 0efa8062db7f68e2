using System.Globalization;

namespace SparkOptimizer.Reporting;

/// <summary>Durations for people: "45 minutes", "1 h 5 min", "12.3 s".</summary>
public static class DurationText
{
    public static string Format(long? ms)
    {
        if (ms is not { } v)
        {
            return "unknown";
        }

        var t = TimeSpan.FromMilliseconds(v);
        if (t.TotalHours >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes} min");
        }

        if (t.TotalMinutes >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#} minutes");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#} s");
    }
}
