using System.Text.RegularExpressions;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Finds a finished run's event log from spark.eventLog.dir and the app id: the exact file Spark writes (with its
/// codec suffix), the rolling folder, or, failing those, the History Server.
/// </summary>
public sealed partial class EventLogFinder(SourceOptions sources, string? historyServerUrl, EventLogSourcePolicy policy)
{
    // Spark's ids (app-20240101-0001, spark-<hex>, local-<n>, application_<n>_<n>): the id is joined onto an allowed
    // folder or URL, so a '/', '..', '?', '@' or '\' in it could lead elsewhere.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex PlainId();

    public EventLogInput? Find(EventLogLocation location, out string tried)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!policy.Allows(location.Directory, out var refused))
        {
            tried = $"refused: {refused}";
            return null;
        }

        if (!PlainId().IsMatch(location.AppId))
        {
            tried = "refused: the application id is not a plain Spark id (letters, digits, '.', '_', '-')";
            return null;
        }

        var dir = location.Directory.TrimEnd('/');
        var candidates = new List<string>();
        if (location.Rolling)
        {
            candidates.Add($"{dir}/eventlog_v2_{location.AppId}");
        }

        if (location.Codec is { } codec)
        {
            candidates.Add($"{dir}/{location.AppId}.{ShortCodec(codec)}");
        }

        candidates.Add($"{dir}/{location.AppId}");
        candidates.Add($"{dir}/{location.AppId}.inprogress");
        if (!string.IsNullOrEmpty(historyServerUrl))
        {
            // the REST form: a bare .../<id> is read at the server's root, which misses a server behind a path prefix
            candidates.Add($"{historyServerUrl.TrimEnd('/')}/api/v1/applications/{location.AppId}");
        }

        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            // each name is asked again as the resolver will read it, not only the folder it was built from
            if (!policy.Allows(candidate, out var refusedCandidate))
            {
                failures.Add(refusedCandidate);
                continue;
            }

            try
            {
                var inputs = EventLogSourceResolver.Resolve(candidate, sources);
                var match = inputs.FirstOrDefault(i => i.Parts.Count > 0);
                if (match is not null)
                {
                    // spark.eventLog.dir comes from the manifest: a link inside a root must not lead the operator outside it,
                    // neither when checked nor when opened (Linux: each opened file is checked again by its descriptor).
                    var access = new Mcp.OperatorLogAccess(policy, string.Empty);
                    if (!LogConfinement.Confined(match, access, out var escaped))
                    {
                        failures.Add(escaped);
                        continue;
                    }

                    tried = EventLogSourceResolver.WithoutUserInfo(candidate);
                    return LogConfinement.Pinned(match, access);
                }
            }
            catch (EventLogFormatException ex)
            {
                failures.Add(ex.Problem);
            }
        }

        // What was tried goes to status and events: never with the credentials a URL may carry.
        tried = string.Join(", ", candidates.Select(EventLogSourceResolver.WithoutUserInfo))
            + (failures.Count > 0 ? "; " + string.Join("; ", failures.Distinct().Select(EventLogSourceResolver.WithoutUserInfo)) : string.Empty);
        return null;
    }

    private static string ShortCodec(string codec) => codec.ToLowerInvariant() switch
    {
        "org.apache.spark.io.zstdcompressioncodec" or "zstd" => "zstd",
        "org.apache.spark.io.lz4compressioncodec" or "lz4" => "lz4",
        "org.apache.spark.io.snappycompressioncodec" or "snappy" => "snappy",
        "org.apache.spark.io.lzfcompressioncodec" or "lzf" => "lzf",
        var other => other,
    };
}
