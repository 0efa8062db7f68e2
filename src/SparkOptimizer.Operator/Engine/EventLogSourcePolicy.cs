namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Which event-log locations the operator may read. spark.eventLog.dir comes from the user's manifest, so it must not be
/// able to point the operator at an arbitrary URL (SSRF) or at files outside the configured roots (path traversal).
/// Object stores are allowed by scheme; HTTP only under the configured History Server; local paths only under the
/// configured roots (mounted volumes).
/// </summary>
public sealed class EventLogSourcePolicy(IReadOnlyList<string> objectStoreSchemes, string? historyServerUrl, IReadOnlyList<string> localRoots)
{
    public static IReadOnlyList<string> DefaultSchemes { get; } = ["s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs"];

    public bool Allows(string location, out string reason)
    {
        reason = string.Empty;
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is not "file" && !Path.IsPathRooted(location))
        {
            if (objectStoreSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (uri.Scheme is "http" or "https" && historyServerUrl is { Length: > 0 } shs
                && Uri.TryCreate(shs, UriKind.Absolute, out var allowed)
                && string.Equals(uri.Host, allowed.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == allowed.Port && uri.Scheme == allowed.Scheme)
            {
                return true;
            }

            reason = $"'{uri.Scheme}://{uri.Host}' is not an allowed event-log source (object stores, or the configured History Server)";
            return false;
        }

        var path = location.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(location).LocalPath : location;
        var full = Path.GetFullPath(path);
        foreach (var root in localRoots)
        {
            var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (full.StartsWith(fullRoot, StringComparison.Ordinal) || full + Path.DirectorySeparatorChar == fullRoot)
            {
                return true;
            }
        }

        reason = localRoots.Count == 0
            ? "local event-log paths are not allowed (set Engine:LocalEventLogRoots to the mounted folders)"
            : $"'{full}' is outside the allowed event-log folders";
        return false;
    }
}
