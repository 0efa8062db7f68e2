using System.Diagnostics.CodeAnalysis;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// The path an http(s) event-log URL's requests go under, read by the History Server fetch's own split
/// (<see cref="HistoryServerEventLogSource.Split"/>): the segments before '/api/v1/applications', '/history' or the
/// application id, which the fetch joins again without empty segments. Only a path that a server or a proxy cannot
/// read as another parses: no '.' or '..' segment, plain or percent-encoded (nor '..;'), no '/' or '\' encoded in a
/// segment, no '\', and no double encoding.
/// </summary>
public sealed class HttpSourcePath
{
    private HttpSourcePath(IReadOnlyList<string> segments) => Segments = segments;

    public IReadOnlyList<string> Segments { get; }

    /// <summary>The base a location's requests are sent under (<c>http://gw/shs/history/app-1</c>: <c>shs</c>).</summary>
    public static bool TryParse(string uri, [NotNullWhen(true)] out HttpSourcePath? path, out string problem) =>
        TryRead(uri, whole: false, out path, out problem);

    /// <summary>
    /// A configured History Server's own path (<c>http://gw/spark-history</c>: <c>spark-history</c>); a trailing
    /// '/history' or '/api/v1/applications' form is cut off, as the fetch cuts it.
    /// </summary>
    public static bool TryParseServer(string uri, [NotNullWhen(true)] out HttpSourcePath? path, out string problem) =>
        TryRead(uri, whole: true, out path, out problem);

    /// <summary>True when this path is <paramref name="prefix"/> or lies under it, segment by segment (case matters).</summary>
    public bool IsUnder(HttpSourcePath prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Segments.Count >= prefix.Segments.Count && prefix.Segments.Select((s, i) => s == Segments[i]).All(same => same);
    }

    public override string ToString() => "/" + string.Join('/', Segments);

    private static bool TryRead(string uri, bool whole, [NotNullWhen(true)] out HttpSourcePath? path, out string problem)
    {
        ArgumentNullException.ThrowIfNull(uri);
        path = null;
        problem = string.Empty;
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

        var segments = parsed.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.FirstOrDefault(s => !Plain(s)) is not null)
        {
            problem = "the path holds a '.' or '..' segment (perhaps percent-encoded), an encoded '/' or '\\', a '\\' or a double encoding";
            return false;
        }

        var (basePath, _, _) = HistoryServerEventLogSource.Split(parsed.Path);
        var read = whole && !HasMarker(segments) ? segments : basePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        path = new HttpSourcePath(read);
        return true;
    }

    // The segments Split stops at: 'history', or 'api/v1/applications'.
    private static bool HasMarker(string[] segments) =>
        segments.Contains("history") || segments.Where((s, i) => s == "api" && i + 2 < segments.Length && segments[i + 1] == "v1" && segments[i + 2] == "applications").Any();

    // Decoded once, a segment must not be a dot segment (also with ';' parameters) nor hold a separator, a control
    // character or a '%' (decoded again by a proxy, %252e%252e would become '..').
    private static bool Plain(string segment)
    {
        var decoded = Uri.UnescapeDataString(segment);
        var name = decoded.Split(';')[0].Trim();
        return name is not ("." or "..") && !decoded.Any(c => c is '/' or '\\' or '%' || char.IsControl(c));
    }
}
