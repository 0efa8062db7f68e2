using System.Globalization;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest;

/// <summary>The file-name conventions of Spark's rolling logs and Databricks' rolled logs.</summary>
public static partial class EventLogLayouts
{
    [GeneratedRegex(@"^events_(\d+)_(.+?)(\.(lz4|lzf|snappy|zstd|zst|gz))?(\.inprogress)?$", RegexOptions.IgnoreCase)]
    private static partial Regex RollingPart();

    [GeneratedRegex(@"^eventlog-(\d{4}-\d{2}-\d{2}--\d{2}-\d{2})(\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DatabricksPart();

    /// <summary>Index of a Spark rolling-log part (events_N_appId), or null.</summary>
    public static int? RollingIndex(string fileName)
    {
        var m = RollingPart().Match(fileName);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    public static bool IsRollingFolderName(string name) => name.StartsWith("eventlog_v2_", StringComparison.Ordinal);

    public static bool IsAppStatusMarker(string fileName) => fileName.StartsWith("appstatus_", StringComparison.Ordinal);

    /// <summary>Sort key of a Databricks rolled part: its timestamp, with the live "eventlog" last; null for other names.</summary>
    public static string? DatabricksOrder(string fileName)
    {
        if (fileName.Equals("eventlog", StringComparison.Ordinal))
        {
            return "9999";
        }

        var m = DatabricksPart().Match(fileName);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>True when a set of file names is one Spark rolling log.</summary>
    public static bool IsRollingSet(IEnumerable<string> names) => names.Any(n => RollingIndex(n) is not null);

    /// <summary>True when a set of file names is one Databricks rolled log.</summary>
    public static bool IsDatabricksSet(IEnumerable<string> names) => names.Any(n => DatabricksOrder(n) is not null);
}
