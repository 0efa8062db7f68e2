using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>A source named by URI: its scheme, authority (bucket, container@account, host) and path, with any user info removed for display.</summary>
internal sealed partial record SourceUri(string Scheme, string Authority, string Path, string? UserInfo, string Display)
{
    [GeneratedRegex(@"^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]+)://(?<rest>.*)$")]
    private static partial Regex SchemePattern();

    // Hadoop's file:/abs/path (one slash), which Spark users write in spark.eventLog.dir.
    [GeneratedRegex(@"^[fF][iI][lL][eE]:/(?!/)")]
    private static partial Regex HadoopFilePattern();

    // A DNS name (letters may be Unicode: an IDN; one optional trailing dot, as in an absolute FQDN; no percent-encoding)
    // or a bracketed IPv6 literal (no zone id), then an optional port in 1..65535; "host:" is the default port.
    [GeneratedRegex(@"^(?:[\p{L}\p{M}\p{N}_-]+(?:\.[\p{L}\p{M}\p{N}_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::(?:[1-5][0-9]{0,4}|[6-9][0-9]{0,3}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])?)?$")]
    private static partial Regex HostAndPortPattern();

    /// <summary>The scheme of a URI, lower case, or null for a plain path (including Windows drive letters).</summary>
    public static string? SchemeOf(string text)
    {
        var m = SchemePattern().Match(text);
        return m.Success ? m.Groups["scheme"].Value.ToLowerInvariant() : HadoopFilePattern().IsMatch(text) ? "file" : null;
    }

    /// <summary>The local path of a file: URI, file:///abs/path or Hadoop's file:/abs/path, percent-decoded as System.Uri reads it.</summary>
    public static string LocalPathOf(string fileUri) =>
        new Uri(HadoopFilePattern().IsMatch(fileUri) ? "file://" + fileUri[5..] : fileUri).LocalPath;

    public static SourceUri Parse(string text)
    {
        var m = SchemePattern().Match(text);
        if (!m.Success)
        {
            throw new EventLogFormatException(text, "not a URI");
        }

        var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
        var rest = m.Groups["rest"].Value;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (scheme is "http" or "https")
        {
            CheckHttpAuthority(scheme, authority);
        }

        var at = UserInfoEnd(scheme, authority);
        string? userInfo = null;
        if (at >= 0)
        {
            userInfo = scheme is "http" or "https" ? Uri.UnescapeDataString(authority[..at]) : authority[..at];
            authority = authority[(at + 1)..];
        }

        var display = $"{scheme}://{authority}/{path}".TrimEnd('/');
        if (path.Length == 0)
        {
            display = $"{scheme}://{authority}";
        }

        return new SourceUri(scheme, authority, path, userInfo, display);
    }

    /// <summary>The location as given, without the user info its authority carries (by <see cref="UserInfoEnd"/>); plain paths unchanged.</summary>
    public static string WithoutUserInfo(string location)
    {
        var m = SchemePattern().Match(location);
        if (!m.Success)
        {
            return location;
        }

        var rest = m.Groups["rest"];
        var slash = rest.Value.IndexOf('/', StringComparison.Ordinal);
        var at = UserInfoEnd(m.Groups["scheme"].Value.ToLowerInvariant(), slash < 0 ? rest.Value : rest.Value[..slash]);
        return at < 0 ? location : location[..rest.Index] + location[(rest.Index + at + 1)..];
    }

    /// <summary>
    /// Where the user info of an authority ends (its last '@'), or -1 when it carries none: any user info of http(s), and the old
    /// Hadoop s3://KEY:SECRET@bucket form of s3, s3a, s3n and gs (refused to be carried further); abfs and wasb use
    /// container@account as the authority itself.
    /// </summary>
    private static int UserInfoEnd(string scheme, string authority) =>
        scheme is "http" or "https" || (scheme is "s3" or "s3a" or "s3n" or "gs" && authority.Contains(':', StringComparison.Ordinal))
            ? authority.LastIndexOf('@')
            : -1;

    /// <summary>
    /// An http(s) authority must be plainly [userinfo@]host[:port]: System.Uri ends it at '?' or '#' and reads '\' as
    /// '/', and this parse does not, so such a URL could be checked as one server and fetched from another. The text
    /// is not echoed: it may hold a password.
    /// </summary>
    private static void CheckHttpAuthority(string scheme, string authority)
    {
        var at = authority.IndexOf('@', StringComparison.Ordinal);
        var hostAndPort = at < 0 ? authority : authority[(at + 1)..];
        if (authority.Any(c => c is '?' or '#' or '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
            || hostAndPort.Contains('@', StringComparison.Ordinal) || !HostAndPortPattern().IsMatch(hostAndPort))
        {
            throw new EventLogFormatException(
                $"{scheme}://…", "the server's address must be plainly host[:port] (optionally user:password@ before it), without '?', '#', '\\', '%', a second '@', spaces or control characters");
        }
    }

    public string Child(string key) => $"{Scheme}://{Authority}/{key}";
}
