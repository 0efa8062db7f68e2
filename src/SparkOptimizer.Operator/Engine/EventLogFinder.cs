using System.Text.RegularExpressions;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Finds the log Spark really wrote for a finished run, whatever the manifest says about rolling or compression (spark-defaults in
/// the image, or Spark 4's compressed default, may set them cluster-wide): it lists spark.eventLog.dir (a local folder, an S3/GCS
/// prefix, an Azure path) for the names Spark gives the app's log (<see cref="SparkLogNames"/>: the rolling folder, each codec
/// suffix, the plain file, .inprogress, attempt suffixes) and reads the best of them: the newest attempt, a finished log before an
/// .inprogress one, the layout the manifest declares before others. The History Server comes last.
/// </summary>
public sealed partial class EventLogFinder(SourceOptions sources, string? historyServerUrl, EventLogSourcePolicy policy, string? defaultDirectory = null)
{
    // Spark's ids (app-20240101-0001, spark-<hex>, local-<n>, application_<n>_<n>): the id is joined onto an allowed
    // folder or URL, so a '/', '..', '?', '@' or '\' in it could lead elsewhere.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex PlainId();

    /// <summary>
    /// Where to look for a run whose manifest names no spark.eventLog.dir (spark-defaults in the image may): the configured
    /// default folder, else only the History Server; null when neither is configured, the run has no Spark app id, or the
    /// manifest turns event logging off.
    /// </summary>
    public EventLogLocation? Fallback(IReadOnlyDictionary<string, string> sparkConf, string? appId) =>
        EventLogLocation.From(sparkConf, appId, defaultDirectory is { Length: > 0 } dir ? dir : string.IsNullOrEmpty(historyServerUrl) ? null : string.Empty);

    public EventLogInput? Find(EventLogLocation location, out string tried)
    {
        var search = Search(location);
        tried = search.Tried;
        return search.Input;
    }

    public EventLogSearch Search(EventLogLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!PlainId().IsMatch(location.AppId))
        {
            return EventLogSearch.Refused("the application id is not a plain Spark id (letters, digits, '.', '_', '-')");
        }

        var hasHistoryServer = !string.IsNullOrEmpty(historyServerUrl);
        var tried = new List<string>();
        var failures = new List<string>();
        if (location.Directory.Length > 0)
        {
            // a folder the policy refuses is not a hint to go elsewhere: nothing is sent anywhere for it
            if (!policy.Allows(location.Directory, out var refused))
            {
                return EventLogSearch.Refused(refused);
            }

            if (InFolder(location, tried, failures) is { } found)
            {
                return found;
            }
        }

        if (hasHistoryServer)
        {
            // the REST form: a bare .../<id> is read at the server's root, which misses a server behind a path prefix
            var candidate = $"{historyServerUrl!.TrimEnd('/')}/api/v1/applications/{location.AppId}";
            tried.Add(EventLogSourceResolver.WithoutUserInfo(candidate));
            if (Open(candidate, failures) is { } input)
            {
                return EventLogSearch.Found(input, EventLogSourceResolver.WithoutUserInfo(candidate));
            }
        }

        // What was tried goes to status and events: never with the credentials a URL may carry.
        var text = string.Join(", ", tried)
            + (failures.Count > 0 ? "; " + string.Join("; ", failures.Distinct().Select(EventLogSourceResolver.WithoutUserInfo)) : string.Empty);
        return new EventLogSearch(null, text, CanAppear: true);
    }

    /// <summary>Lists the folder for the app's names and reads the best one; null (with what was tried) when none reads.</summary>
    private EventLogSearch? InFolder(EventLogLocation location, List<string> tried, List<string> failures)
    {
        var dir = location.Directory.TrimEnd('/');
        var shown = EventLogSourceResolver.WithoutUserInfo(dir);
        tried.Add($"{shown}/{SparkLogNames.Pattern(location.AppId)}");
        IReadOnlyList<string>? names;
        try
        {
            names = EventLogSourceResolver.ListNames(dir, SparkLogNames.ListingPrefixes(location.AppId), sources);
        }
        catch (EventLogFormatException ex)
        {
            failures.Add(ex.Message);
            return null;
        }

        // a source that cannot list (none of the allowed folder schemes today) is read at the name the manifest implies
        List<string> candidates = names is null
            ? [location.Uri]
            : names.Select(n => SparkLogNames.Parse(n, location.AppId)).OfType<SparkLogName>().OrderBy(n => n, Preference(location)).Select(n => $"{dir}/{n.Name}").ToList();
        if (candidates.Count == 0)
        {
            failures.Add($"{shown}: no name of this app listed");
        }

        foreach (var candidate in candidates)
        {
            if (Open(candidate, failures) is { } input)
            {
                return EventLogSearch.Found(input, EventLogSourceResolver.WithoutUserInfo(candidate));
            }
        }

        return null;
    }

    /// <summary>Reads one candidate, confined to the allowed roots; null (and why, in failures) when it is refused or holds no log.</summary>
    private EventLogInput? Open(string candidate, List<string> failures)
    {
        // each name is asked again as the resolver will read it, not only the folder it was built from
        if (!policy.Allows(candidate, out var refused))
        {
            failures.Add(refused);
            return null;
        }

        try
        {
            var match = EventLogSourceResolver.Resolve(candidate, sources).FirstOrDefault(i => i.Parts.Count > 0);
            if (match is null)
            {
                failures.Add($"{candidate}: holds no event log");
                return null;
            }

            // spark.eventLog.dir comes from the manifest: a link inside a root must not lead the operator outside it,
            // neither when checked nor when opened (Linux: each opened file is checked again by its descriptor).
            var access = new Mcp.OperatorLogAccess(policy, string.Empty);
            if (!LogConfinement.Confined(match, access, out var escaped))
            {
                failures.Add(escaped);
                return null;
            }

            return LogConfinement.Pinned(match, access);
        }
        catch (EventLogFormatException ex)
        {
            failures.Add(ex.Message);
            return null;
        }
    }

    /// <summary>The newest attempt first; a finished log before an .inprogress one; then the layout and codec the manifest declares.</summary>
    private static Comparer<SparkLogName> Preference(EventLogLocation location)
    {
        var codec = location.Codec is { } c ? SparkLogNames.ShortCodec(c) : null;
        return Comparer<SparkLogName>.Create((a, b) =>
        {
            var order = b.AttemptNumber.CompareTo(a.AttemptNumber);
            order = order != 0 ? order : a.InProgress.CompareTo(b.InProgress);
            order = order != 0 ? order : (b.Rolling == location.Rolling).CompareTo(a.Rolling == location.Rolling);
            order = order != 0 ? order : (b.Codec == codec).CompareTo(a.Codec == codec);
            return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
        });
    }
}
