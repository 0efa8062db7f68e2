using System.Text.RegularExpressions;

namespace SparkOptimizer.History;

/// <summary>The cohort of a run: its app name without the timestamp schedulers append (NewYorkTaxiData_2025_06_27_00_24_44 is NewYorkTaxiData).</summary>
public static partial class CohortName
{
    public static string FromAppName(string appName)
    {
        ArgumentNullException.ThrowIfNull(appName);
        var stripped = TimestampSuffix().Replace(appName.Trim(), string.Empty);
        return stripped.Length > 0 ? stripped : appName.Trim();
    }

    // _yyyy_MM_dd[_HH_mm_ss], -yyyyMMdd[-HHmmss], _yyyy-MM-ddTHH:mm:ss and the like, at the end of the name.
    [GeneratedRegex(@"[_\-. ]\d{4}[_\-.]?\d{2}[_\-.]?\d{2}(?:[_\-.T ]?\d{2}[_\-.:]?\d{2}(?:[_\-.:]?\d{2})?(?:[.,]\d+)?Z?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampSuffix();
}
