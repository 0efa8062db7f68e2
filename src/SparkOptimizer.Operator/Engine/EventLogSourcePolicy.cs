using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Mcp.Access;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Which event-log locations the operator may read. spark.eventLog.dir comes from the user's manifest, so it must not be
/// able to point the operator at an arbitrary URL (SSRF) or at files outside the configured roots (path traversal).
/// Object stores are allowed by scheme; HTTP only on the configured History Server and under its path; local paths only under the
/// configured roots (mounted volumes). A location is read here exactly as the resolver that fetches it reads it
/// (<see cref="EventLogSourceResolver"/>, <see cref="HttpSourceAddress"/>), never by a second parser that could disagree.
/// </summary>
public sealed class EventLogSourcePolicy
{
    private readonly IReadOnlyList<string> _objectStoreSchemes;
    private readonly HttpSourceAddress? _historyServer;
    private readonly HttpSourcePath? _historyServerPath;
    private readonly IReadOnlyList<string> _localRoots;

    public EventLogSourcePolicy(IReadOnlyList<string> objectStoreSchemes, string? historyServerUrl, IReadOnlyList<string> localRoots)
    {
        _objectStoreSchemes = objectStoreSchemes;

        // A root that is (or passes through) a link is known by its real path too, so files are judged by where they really are.
        _localRoots = RealPath.WithTargets(localRoots);
        if (historyServerUrl is { Length: > 0 })
        {
            // A History Server that cannot be read would otherwise refuse every http location without a word; the URL is
            // not echoed (it may hold a password).
            if (!HttpSourceAddress.TryParse(historyServerUrl, out var address, out var problem)
                || !HttpSourcePath.TryParseServer(historyServerUrl, out var path, out problem))
            {
                throw new Startup.StartupException("Engine:HistoryServerUrl", $"cannot be read as a History Server URL: {problem}",
                    "set Engine:HistoryServerUrl (chart historyServer.url) to the History Server's root, e.g. http://spark-history:18080");
            }

            (_historyServer, _historyServerPath) = (address, path);
        }
    }

    public static IReadOnlyList<string> DefaultSchemes { get; } = ["s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs"];

    public bool Allows(string location, out string reason)
    {
        ArgumentNullException.ThrowIfNull(location);
        reason = string.Empty;
        string? local;
        try
        {
            local = EventLogSourceResolver.LocalPath(location);
        }
        catch (UriFormatException)
        {
            reason = "a file:// URI that cannot be read as a path is not an allowed event-log source";
            return false;
        }

        return local is null ? AllowsRemote(location, out reason) : AllowsLocal(local, out reason);
    }

    private bool AllowsRemote(string location, out string reason)
    {
        reason = string.Empty;
        var scheme = EventLogSourceResolver.SchemeOf(location)!;
        if (_objectStoreSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        const string Allowed = "is not an allowed event-log source (object stores, or the configured History Server)";
        if (scheme is not ("http" or "https"))
        {
            reason = $"'{scheme}://' {Allowed}";
            return false;
        }

        if (!HttpSourceAddress.TryParse(location, out var address, out var problem))
        {
            reason = $"'{scheme}://…' {Allowed}: {problem}";
            return false;
        }

        if (_historyServer is null || _historyServerPath is null || !address.SameServerAs(_historyServer))
        {
            reason = $"'{scheme}://{address.Host}' {Allowed}";
            return false;
        }

        // Behind a shared ingress the server is one path among others: requests must stay under its path.
        if (!HttpSourcePath.TryParse(location, out var path, out problem))
        {
            reason = $"'{scheme}://{address.Host}' {Allowed}: {problem}";
            return false;
        }

        if (!path.IsUnder(_historyServerPath))
        {
            reason = $"'{scheme}://{address.Host}{path}' {Allowed}: requests would leave the History Server's path '{_historyServerPath}' (name an application as …{_historyServerPath}/history/<id> or …/api/v1/applications/<id>)";
            return false;
        }

        return true;
    }

    private bool AllowsLocal(string path, out string reason)
    {
        reason = string.Empty;
        var full = Path.GetFullPath(path);
        foreach (var root in _localRoots)
        {
            var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (full.StartsWith(fullRoot, StringComparison.Ordinal) || full + Path.DirectorySeparatorChar == fullRoot)
            {
                return true;
            }
        }

        reason = _localRoots.Count == 0
            ? "local event-log paths are not allowed (set Engine:LocalEventLogRoots to the mounted folders)"
            : $"'{full}' is outside the allowed event-log folders";
        return false;
    }
}
