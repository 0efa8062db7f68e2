using System.Globalization;
using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest;

/// <summary>
/// How Spark names an application's event log inside spark.eventLog.dir (EventLogFileWriters): the app id sanitised as
/// Utils.sanitizeDirName does (' ', ':', '/' to '-'; '.', '$', '{', '}', quotes to '_'; lower case), then "_attempt" when the
/// cluster manager numbers attempts (YARN), then ".codec" when compressed, then ".inprogress" while it is written; a rolling log
/// is the folder "eventlog_v2_" + that name holding events_N_… parts.
/// </summary>
public static partial class SparkLogNames
{
    public const string RollingFolderPrefix = "eventlog_v2_";

    /// <summary>The suffixes Spark's codecs write (lz4, lzf, snappy, zstd), and gz, which tools that archive logs add.</summary>
    public static IReadOnlyList<string> CodecSuffixes { get; } = ["lz4", "lzf", "snappy", "zstd", "gz"];

    [GeneratedRegex("[ :/]")]
    private static partial Regex Dashed();

    [GeneratedRegex("[.${}'\"]")]
    private static partial Regex Underscored();

    [GeneratedRegex(@"^(?:_(?<attempt>[a-z0-9-]{1,32}))?(?:\.(?<codec>lz4|lzf|snappy|zstd|zst|gz))?(?<inprogress>\.inprogress)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Suffix();

    /// <summary>The app id as Spark writes it into file names.</summary>
    public static string Sanitize(string appId) => Underscored().Replace(Dashed().Replace(appId, "-"), "_").ToLowerInvariant();

    /// <summary>Spark's short name for spark.io.compression.codec / spark.eventLog.compression.codec (a class name or a short name).</summary>
    public static string ShortCodec(string codec) => codec.Trim().ToLowerInvariant() switch
    {
        "org.apache.spark.io.zstdcompressioncodec" or "zstd" => "zstd",
        "org.apache.spark.io.lz4compressioncodec" or "lz4" => "lz4",
        "org.apache.spark.io.snappycompressioncodec" or "snappy" => "snappy",
        "org.apache.spark.io.lzfcompressioncodec" or "lzf" => "lzf",
        var other => other,
    };

    /// <summary>
    /// What a listed name says about the log of <paramref name="appId"/>: null when it is another application's (a longer id that
    /// merely starts with this one, or an unknown suffix).
    /// </summary>
    public static SparkLogName? Parse(string name, string appId)
    {
        ArgumentNullException.ThrowIfNull(name);
        var stem = Sanitize(appId);
        var rolling = name.StartsWith(RollingFolderPrefix, StringComparison.OrdinalIgnoreCase);
        var rest = rolling ? name[RollingFolderPrefix.Length..] : name;
        if (!rest.StartsWith(stem, StringComparison.OrdinalIgnoreCase) && !rest.StartsWith(appId, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var m = Suffix().Match(rest[(rest.StartsWith(stem, StringComparison.OrdinalIgnoreCase) ? stem.Length : appId.Length)..]);
        if (!m.Success)
        {
            return null;
        }

        var codec = m.Groups["codec"].Success ? m.Groups["codec"].Value.ToLowerInvariant() : null;
        return new SparkLogName(name, rolling, m.Groups["attempt"].Success ? m.Groups["attempt"].Value : null, codec == "zst" ? "zstd" : codec,
            m.Groups["inprogress"].Success);
    }

    /// <summary>The prefixes a folder listing needs to see every name Spark may have written for the app.</summary>
    public static IReadOnlyList<string> ListingPrefixes(string appId)
    {
        var stem = Sanitize(appId);
        return new[] { stem, RollingFolderPrefix + stem, appId, RollingFolderPrefix + appId }.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>The name patterns looked for, as a person would read them in "what was tried".</summary>
    public static string Pattern(string appId) =>
        $"{{{RollingFolderPrefix},}}{Sanitize(appId)}[_<attempt>][.{string.Join("|.", CodecSuffixes)}][.inprogress]";
}

/// <summary>One name Spark wrote for an application's log, as <see cref="SparkLogNames.Parse"/> read it.</summary>
public sealed record SparkLogName(string Name, bool Rolling, string? Attempt, string? Codec, bool InProgress)
{
    /// <summary>The attempt as a number (YARN numbers them 1, 2, …); 0 without one, or when it is not a number.</summary>
    public int AttemptNumber => int.TryParse(Attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
