using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// The server an http(s) event-log URL reaches, read by the very parse the History Server fetch uses
/// (<see cref="SourceUri.Parse"/>), so that a check on it and the request it allows cannot disagree. Only a plain
/// authority parses: [user[:password]@]host[:port], no '?', '#', '\', '%' in the host, spaces or control characters.
/// <see cref="Host"/> is the name DNS is asked: without an absolute name's trailing dot, an IDN in punycode.
/// </summary>
public sealed record HttpSourceAddress(string Scheme, string? UserInfo, string Host, int Port)
{
    public static bool TryParse(string uri, [NotNullWhen(true)] out HttpSourceAddress? address, out string problem)
    {
        ArgumentNullException.ThrowIfNull(uri);
        address = null;
        problem = string.Empty;
        if (SourceUri.SchemeOf(uri) is not ("http" or "https"))
        {
            problem = "not an http(s) URL";
            return false;
        }

        SourceUri parsed;
        try
        {
            parsed = SourceUri.Parse(uri);
        }
        catch (EventLogFormatException ex)
        {
            problem = ex.Problem;
            return false;
        }

        // Parse has checked the authority's shape: a host (a name or a [v6] literal) and an optional port in 1..65535;
        // "host:" is the scheme's port, as System.Uri reads it.
        var colon = parsed.Authority.LastIndexOf(':');
        var hasPort = colon > parsed.Authority.LastIndexOf(']') && colon < parsed.Authority.Length - 1;
        var host = colon > parsed.Authority.LastIndexOf(']') ? parsed.Authority[..colon] : parsed.Authority;
        var port = hasPort ? int.Parse(parsed.Authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture) : parsed.Scheme == "https" ? 443 : 80;
        if (!TryNormaliseHost(host, out var normalised))
        {
            problem = "the server's name is not a valid internationalised domain name";
            return false;
        }

        address = new HttpSourceAddress(parsed.Scheme, parsed.UserInfo, normalised, port);
        return true;
    }

    /// <summary>
    /// The name as DNS is asked it: an absolute FQDN's trailing dot dropped (svc.cluster.local. is svc.cluster.local), a
    /// Unicode name in its punycode form (System.Uri's IdnHost, which the request uses). A name whose mapping changes
    /// its labels (a Unicode dot, say) is refused: the check and the request could then read different servers.
    /// </summary>
    private static bool TryNormaliseHost(string host, out string normalised)
    {
        normalised = host.EndsWith('.') ? host[..^1] : host;
        if (normalised.All(char.IsAscii))
        {
            return true;
        }

        try
        {
            var ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(normalised);
            var sameLabels = ascii.Split('.').Length == normalised.Split('.').Length && ascii.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
            normalised = ascii;
            return sameLabels;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Same scheme, host (ignoring case), port and user info: the same server, reached as the same user.</summary>
    public bool SameServerAs(HttpSourceAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Scheme == other.Scheme && Port == other.Port && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            && string.Equals(UserInfo, other.UserInfo, StringComparison.Ordinal);
    }

    /// <summary>Without the user info, which may hold a password.</summary>
    public override string ToString() => $"{Scheme}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
