using System.Globalization;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest.Logs;

/// <summary>Reads the time at the start of a log line in the layouts Spark's log4j defaults, YARN and the JVM's GC log use. Times without a zone are UTC.</summary>
internal static partial class LogTimestamp
{
    [GeneratedRegex(@"^\[?(?<t>\d{2}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}(?:[.,]\d{1,3})?|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)")]
    private static partial Regex Leading();

    private static readonly string[] Formats =
    [
        "yy/MM/dd HH:mm:ss", "yy/MM/dd HH:mm:ss.FFF", "yy/MM/dd HH:mm:ss,FFF",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss,FFF", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss,FFF",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    public static DateTimeOffset? Parse(string line)
    {
        var m = Leading().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var text = m.Groups["t"].Value;
        if (text.Length > 5 && (text[^5] is '+' or '-') && char.IsDigit(text[^4]) && !text[^5..].Contains(':', StringComparison.Ordinal))
        {
            text = text[..^2] + ":" + text[^2..]; // +0000 -> +00:00
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
    }
}
