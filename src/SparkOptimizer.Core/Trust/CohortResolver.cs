using System.Text.RegularExpressions;

namespace SparkOptimizer.Trust;

/// <summary>
/// Names the logical job a run belongs to across Spark app ids: the owning SparkApplication or ScheduledSparkApplication,
/// else the <c>sparkoptimizer.io/cohort</c> annotation, else the app name without its timestamp suffix.
/// </summary>
public static partial class CohortResolver
{
    public const string CohortAnnotation = "sparkoptimizer.io/cohort";

    public static string Resolve(string? ownerName, IReadOnlyDictionary<string, string>? annotations, string? appName)
    {
        if (!string.IsNullOrWhiteSpace(ownerName))
        {
            return ownerName.Trim();
        }

        if (annotations is not null && annotations.TryGetValue(CohortAnnotation, out var annotated) && !string.IsNullOrWhiteSpace(annotated))
        {
            return annotated.Trim();
        }

        return StripTimestamp(appName ?? string.Empty);
    }

    /// <summary>
    /// Removes a trailing timestamp: <c>_2025_06_27_00_24_44</c>, <c>-20250627-002444</c>, <c>_20250627</c>, or an epoch in
    /// seconds or milliseconds (<c>_1719447884</c>). Repeats, so a date and a time written as two suffixes both go.
    /// </summary>
    public static string StripTimestamp(string appName)
    {
        var name = appName.Trim();
        while (true)
        {
            var stripped = Suffix().Replace(name, string.Empty);
            if (stripped.Length == 0 || stripped == name)
            {
                return name;
            }

            name = stripped;
        }
    }

    // Date-time groups (yyyy[_-]MM[_-]dd[_-]HH[_-]mm[_-]ss or compact yyyyMMdd[_-T]HHmmss), dates alone, or 10/13-digit epochs.
    [GeneratedRegex(@"[-_.](?:(?:19|20)\d{2}[-_]?\d{2}[-_]?\d{2}(?:[-_T]?\d{2}[-_:]?\d{2}(?:[-_:]?\d{2})?)?|1\d{9}(?:\d{3})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}
