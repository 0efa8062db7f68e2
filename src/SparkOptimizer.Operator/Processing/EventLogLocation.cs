namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// Where Spark wrote a run's event log: <c>spark.eventLog.dir</c> plus the app id, a single file
/// (<c>&lt;dir&gt;/&lt;appId&gt;[.codec][.inprogress]</c>) or, with rolling logs, a folder
/// (<c>&lt;dir&gt;/eventlog_v2_&lt;appId&gt;</c>). These are what the manifest declares; the engine's finder looks for every
/// name Spark may have written (<see cref="Engine.EventLogFinder"/>). An empty Directory means the History Server only.
/// </summary>
public sealed record EventLogLocation(string Directory, string AppId, bool Rolling, string? Codec)
{
    public string Uri => Directory.TrimEnd('/') + "/" + (Rolling ? "eventlog_v2_" + AppId : AppId);

    /// <summary>
    /// The location the app's sparkConf declares; without spark.eventLog.dir, <paramref name="fallbackDirectory"/> (a cluster-wide
    /// default; empty: the History Server only). Null without an app id, without a folder, or with spark.eventLog.enabled=false.
    /// </summary>
    public static EventLogLocation? From(IReadOnlyDictionary<string, string> sparkConf, string? appId, string? fallbackDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(sparkConf);
        var off = sparkConf.TryGetValue("spark.eventLog.enabled", out var enabled) && bool.TryParse(enabled, out var logging) && !logging;
        var dir = sparkConf.TryGetValue("spark.eventLog.dir", out var declared) && !string.IsNullOrWhiteSpace(declared) ? declared : fallbackDirectory;
        if (string.IsNullOrEmpty(appId) || off || dir is null)
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
