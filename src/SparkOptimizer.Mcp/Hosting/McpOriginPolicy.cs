namespace SparkOptimizer.Mcp.Hosting;

/// <summary>
/// Which Host and Origin headers the MCP endpoint answers (the MCP specification asks servers to validate Origin, so that
/// a web page, through DNS rebinding, cannot drive a server on the user's machine). Allowed: the host of each listen
/// address, the loopback names when it listens on loopback or on every interface, and the allow-list (the operator's
/// Helm value `mcp.allowedHosts`). A request without Origin (every non-browser client) needs only an allowed Host; a
/// request with one needs its host allowed too. Listening on every interface with an empty allow-list admits any Host
/// (there is no name to check it against), never a foreign Origin.
/// </summary>
public sealed class McpOriginPolicy
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]", "::1"];
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _anyHost;

    public McpOriginPolicy(IEnumerable<string> listenUrls, IEnumerable<string>? allowedHosts = null)
    {
        ArgumentNullException.ThrowIfNull(listenUrls);
        var wildcard = false;
        foreach (var url in listenUrls)
        {
            var host = HostOf(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
            if (host is null)
            {
                continue;
            }

            if (host is "0.0.0.0" or "[::]" or "::")
            {
                wildcard = true;
            }
            else
            {
                _hosts.Add(host);
            }

            if (wildcard || Loopback.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                _hosts.UnionWith(Loopback);
            }
        }

        var allowed = (allowedHosts ?? []).Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        _hosts.UnionWith(allowed.Select(h => HostOf(h.Contains("://", StringComparison.Ordinal) ? h : "http://" + h) ?? h));
        _anyHost = wildcard && allowed.Count == 0;
    }

    /// <summary>True when a request with these headers may reach the tools; else <paramref name="reason"/> says which header was refused.</summary>
    public bool Allows(string? host, string? origin, out string reason)
    {
        reason = string.Empty;
        var hostName = string.IsNullOrEmpty(host) ? null : HostOf("http://" + host);
        if (!_anyHost && (hostName is null || !_hosts.Contains(hostName)))
        {
            reason = $"Host '{Model.InputBounds.Echo(host)}' is not an address this MCP endpoint serves";
            return false;
        }

        if (!string.IsNullOrEmpty(origin) && (HostOf(origin) is not { } originHost || !_hosts.Contains(originHost)))
        {
            reason = $"Origin '{Model.InputBounds.Echo(origin)}' is not allowed to call this MCP endpoint";
            return false;
        }

        return true;
    }

    private static string? HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? (uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.Host.Trim('[', ']')}]" : uri.Host) : null;
}
