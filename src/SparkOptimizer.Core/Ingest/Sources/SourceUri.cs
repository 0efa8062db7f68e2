using System.Text.RegularExpressions;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>A source named by URI: its scheme, authority (bucket, container@account, host) and path, with any user info removed for display.</summary>
internal sealed partial record SourceUri(string Scheme, string Authority, string Path, string? UserInfo, string Display)
{
    [GeneratedRegex(@"^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]+)://(?<rest>.*)$")]
    private static partial Regex SchemePattern();

    /// <summary>The scheme of a URI, lower case, or null for a plain path (including Windows drive letters).</summary>
    public static string? SchemeOf(string text)
    {
        var m = SchemePattern().Match(text);
        return m.Success ? m.Groups["scheme"].Value.ToLowerInvariant() : null;
    }

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
        string? userInfo = null;

        // Only the last '@' separates user info; abfs/wasb use container@account as the authority itself.
        if (scheme is "http" or "https")
        {
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                userInfo = Uri.UnescapeDataString(authority[..at]);
                authority = authority[(at + 1)..];
            }
        }
        else if (authority.Contains(':', StringComparison.Ordinal) && authority.Contains('@', StringComparison.Ordinal) && scheme is "s3" or "s3a" or "s3n" or "gs")
        {
            // s3://KEY:SECRET@bucket is an old Hadoop form: refuse to carry the secret further.
            var at = authority.LastIndexOf('@');
            userInfo = authority[..at];
            authority = authority[(at + 1)..];
        }

        var display = $"{scheme}://{authority}/{path}".TrimEnd('/');
        if (path.Length == 0)
        {
            display = $"{scheme}://{authority}";
        }

        return new SourceUri(scheme, authority, path, userInfo, display);
    }

    public string Child(string key) => $"{Scheme}://{Authority}/{key}";
}
