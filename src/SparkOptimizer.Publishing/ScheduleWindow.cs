using System.Globalization;

namespace SparkOptimizer.Publishing;

/// <summary>
/// When pull requests may be opened or updated, in UTC: days and a time range, e.g. <c>Mon-Fri 22:00-06:00</c>
/// (a range past midnight belongs to the day it starts), <c>Sat,Sun 00:00-24:00</c>, or <c>* 09:00-17:00</c>.
/// </summary>
public sealed record ScheduleWindow(IReadOnlySet<DayOfWeek> Days, TimeSpan From, TimeSpan To)
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static ScheduleWindow Always { get; } = new(Enum.GetValues<DayOfWeek>().ToHashSet(), TimeSpan.Zero, TimeSpan.FromHours(24));

    public bool Contains(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var time = utc.TimeOfDay;
        if (From <= To)
        {
            return Days.Contains(utc.DayOfWeek) && time >= From && time < To;
        }

        // Past midnight: the early hours belong to the previous day's window.
        return (Days.Contains(utc.DayOfWeek) && time >= From) || (Days.Contains(utc.AddDays(-1).DayOfWeek) && time < To);
    }

    public static ScheduleWindow Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[1].Split('-') is not [var from, var to])
        {
            throw new FormatException($"Schedule '{text}' must look like 'Mon-Fri 22:00-06:00'.");
        }

        return new ScheduleWindow(ParseDays(parts[0], text), ParseTime(from, text), ParseTime(to, text));
    }

    private static HashSet<DayOfWeek> ParseDays(string spec, string text)
    {
        if (spec == "*")
        {
            return Enum.GetValues<DayOfWeek>().ToHashSet();
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var item in spec.Split(','))
        {
            var range = item.Split('-');
            var start = Day(range[0], text);
            var end = range.Length == 2 ? Day(range[1], text) : start;
            for (var d = start; ; d = (d + 1) % 7)
            {
                days.Add((DayOfWeek)d);
                if (d == end)
                {
                    break;
                }
            }
        }

        return days;
    }

    private static int Day(string name, string text)
    {
        var index = Array.FindIndex(DayNames, d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new FormatException($"Unknown day '{name}' in schedule '{text}'.");
    }

    private static TimeSpan ParseTime(string value, string text) =>
        value == "24:00" ? TimeSpan.FromHours(24)
        : TimeSpan.TryParseExact(value, @"hh\:mm", CultureInfo.InvariantCulture, out var t) ? t
        : throw new FormatException($"Time '{value}' in schedule '{text}' must be HH:mm.");
}
