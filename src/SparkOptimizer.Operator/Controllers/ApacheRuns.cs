using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using SparkOptimizer.Operator.Entities.Apache;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// Reads finished attempts from an Apache SparkApplication: the status is a history of numbered states; an attempt
/// is finished once it reaches an outcome state (Succeeded, Failed, the timeouts, SchedulingFailure, DriverEvicted)
/// or a terminal one (ResourceReleased, TerminatedWithoutReleaseResources), whose outcome is then the last outcome
/// state in the history. After a restart, the previous attempt's history is in previousAttemptSummary.
/// </summary>
public static class ApacheRuns
{
    private const int IdLengthLimit = 46;
    private const int HashLengthLimit = 36;

    /// <summary>
    /// The finished attempts visible in the status: the previous attempt (after a restart) when it reached an outcome,
    /// and the current one once it has finished.
    /// </summary>
    public static IReadOnlyList<FinishedRun> From(V1SparkApplication app)
    {
        var status = app.Status;
        if (status is null)
        {
            return [];
        }

        var runs = new List<FinishedRun>();
        if (status.PreviousAttemptSummary is { AttemptInfo.Id: { } previousId, StateTransitionHistory: { } previousHistory }
            && Ordered(previousHistory) is var previous
            && previous.FindLastIndex(e => ApacheApplicationStates.IsOutcome(e.State.CurrentStateSummary)) is var previousOutcome and >= 0)
        {
            runs.Add(Run(app, previous, previous[previousOutcome].State, previousOutcome, previousId));
        }

        var current = status.CurrentState?.CurrentStateSummary;
        if (ApacheApplicationStates.IsOutcome(current) || ApacheApplicationStates.IsTerminated(current))
        {
            var history = Ordered(status.StateTransitionHistory);
            var outcomeIndex = history.FindLastIndex(e => ApacheApplicationStates.IsOutcome(e.State.CurrentStateSummary));
            var outcome = ApacheApplicationStates.IsOutcome(current) || outcomeIndex < 0 ? status.CurrentState! : history[outcomeIndex].State;
            runs.Add(Run(app, history, outcome, outcomeIndex, status.CurrentAttemptSummary?.AttemptInfo?.Id ?? 0));
        }

        return runs;
    }

    /// <summary>
    /// The Spark app id the Apache operator gives an attempt when spark.app.id is not set: "&lt;name&gt;-&lt;attempt&gt;",
    /// or, when longer than 46 characters, its first 9 characters plus a base-36 SHA-256 of namespace/name/attempt.
    /// </summary>
    public static string SparkAppId(string ns, string name, long attempt)
    {
        var preferred = string.Create(CultureInfo.InvariantCulture, $"{name}-{attempt}");
        if (preferred.Length <= IdLengthLimit)
        {
            return preferred;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("/", ns, name, attempt.ToString(CultureInfo.InvariantCulture))));
        var hash = ToBase36(new BigInteger(digest, isUnsigned: true, isBigEndian: true));
        return preferred[..(IdLengthLimit - HashLengthLimit - 1)] + "-" + hash[..Math.Min(HashLengthLimit, hash.Length)];
    }

    private static string ToBase36(BigInteger value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value.IsZero)
        {
            return "0";
        }

        var builder = new StringBuilder();
        while (value > 0)
        {
            builder.Insert(0, digits[(int)(value % 36)]);
            value /= 36;
        }

        return builder.ToString();
    }

    private static FinishedRun Run(V1SparkApplication app, List<(long Index, V1ApplicationState State)> history, V1ApplicationState outcome, int outcomeIndex, long attempt)
    {
        var outcomeName = outcome.CurrentStateSummary ?? ApacheApplicationStates.Failed;
        var startIndex = history.FindLastIndex(outcomeIndex >= 0 ? outcomeIndex : history.Count - 1,
            e => e.State.CurrentStateSummary is ApacheApplicationStates.Submitted or ApacheApplicationStates.ScheduledToRestart);
        var conf = new Dictionary<string, string>(app.Spec?.SparkConf ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var appId = conf.TryGetValue("spark.app.id", out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured
            : SparkAppId(app.Metadata.NamespaceProperty ?? "", app.Metadata.Name, attempt);
        return new FinishedRun(
            $"{app.Metadata.Name}:{appId}",
            app.Metadata.Name,
            appId,
            outcomeName,
            outcomeName == ApacheApplicationStates.Succeeded,
            ApacheApplicationStates.IsInfrastructureFailure(outcomeName),
            outcome.Message,
            startIndex >= 0 ? ParseTime(history[startIndex].State.LastTransitionTime) : null,
            ParseTime(outcome.LastTransitionTime),
            conf,
            app);
    }

    private static List<(long Index, V1ApplicationState State)> Ordered(IDictionary<string, V1ApplicationState>? history) =>
        (history ?? new Dictionary<string, V1ApplicationState>())
            .Select(kv => (Index: long.TryParse(kv.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : -1, State: kv.Value))
            .Where(e => e.Index >= 0)
            .OrderBy(e => e.Index)
            .ToList();

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
}
