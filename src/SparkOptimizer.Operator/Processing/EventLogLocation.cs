namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// Where Spark wrote a run's event log: <c>spark.eventLog.dir</c> plus the app id, a single file
/// (<c>&lt;dir&gt;/&lt;appId&gt;[.codec][.inprogress]</c>) or, with rolling logs, a folder
/// (<c>&lt;dir&gt;/eventlog_v2_&lt;appId&gt;</c>). The engine resolves codec suffixes.
/// </summary>
public sealed record EventLogLocation(string Directory, string AppId, bool Rolling, string? Codec)
{
    public string Uri => Directory.TrimEnd('/') + "/" + (Rolling ? "eventlog_v2_" + AppId : AppId);

    public static EventLogLocation? From(IReadOnlyDictionary<string, string> sparkConf, string? appId)
    {
        if (string.IsNullOrEmpty(appId) || !sparkConf.TryGetValue("spark.eventLog.dir", out var dir) || string.IsNullOrWhiteSpace(dir))
        {
            return null;
        }

        var rolling = sparkConf.TryGetValue("spark.eventLog.rolling.enabled", out var r) && bool.TryParse(r, out var on) && on;
        var compressed = sparkConf.TryGetValue("spark.eventLog.compress", out var c) && bool.TryParse(c, out var yes) && yes;
        string? codec = null;
        if (compressed)
        {
            codec = sparkConf.TryGetValue("spark.eventLog.compression.codec", out var name) ? name : "zstd";
        }

        return new EventLogLocation(dir.Trim(), appId, rolling, codec);
    }
}
