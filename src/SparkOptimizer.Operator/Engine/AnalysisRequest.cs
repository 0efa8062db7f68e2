using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Simulation.Calibration;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// What the heavy half needs to analyse one finished run (JSON, so that a Job can receive it in its environment). The app's
/// sparkConf stays out: the analysis reads the (redacted) environment from the log, and a Job spec is no place for a key someone
/// put in plain text there. For the same reason only the app's own <c>sparkoptimizer.io/</c> annotations come along (not, say,
/// kubectl's last-applied-configuration, which is the whole manifest), and a Job gets the log's location without user info.
/// </summary>
/// <param name="DriverPod">The driver pod whose log adds evidence (it may be gone).</param>
/// <param name="CohortKey">The cohort's key in <see cref="CohortLedger"/> ("namespace/cohort").</param>
/// <param name="PriorRuns">The cohort's runs before this one, which the safety rails read.</param>
public sealed record AnalysisRequest(
    AppIdentity App,
    AppIdentity Run,
    string RunId,
    string? SparkAppId,
    string Outcome,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    EventLogLocation EventLog,
    IReadOnlyDictionary<string, string> Annotations,
    string? Sla,
    IReadOnlyDictionary<string, string>? Thresholds,
    string DriverPod,
    string CohortKey,
    IReadOnlyList<CohortRun> PriorRuns)
{
    /// <summary>The change sets proposed for the cohort (oldest first): the run's own conf says which one it ran under.</summary>
    public IReadOnlyList<ProposedChangeSet> Proposals { get; init; } = [];

    /// <summary>The cohort's recorded runs from the run history, which calibrate the prediction (empty without a store).</summary>
    public IReadOnlyList<RunHistoryEntry> History { get; init; } = [];

    /// <summary>The SparkOptimization the run is recorded on (an analysis Job's owner).</summary>
    public AppIdentity? Owner { get; init; }

    /// <summary>The node type the run ran on and where that came from (annotation, Helm value, Node labels, Prometheus); null when none said.</summary>
    public RunNode? Node { get; init; }

    /// <summary>Random per Job request: the one-shot command marks its result line with it, so no other log line can pass for the result.</summary>
    public string? Nonce { get; init; }

    /// <summary>The prefix of the annotations the analysis reads (<c>sparkoptimizer.io/pinned</c> among them); others stay out.</summary>
    public const string AnnotationPrefix = "sparkoptimizer.io/";

    /// <summary>The request as a Job may see it: our annotations only, the log's location without user info (the Job's own
    /// environment, Secret or service account carries the object store's credentials).</summary>
    public AnalysisRequest WithoutCredentials() => this with
    {
        Annotations = Own(Annotations),
        EventLog = EventLog with { Directory = EventLogSourceResolver.WithoutUserInfo(EventLog.Directory) },
    };

    private static Dictionary<string, string> Own(IReadOnlyDictionary<string, string> annotations) =>
        annotations.Where(a => a.Key.StartsWith(AnnotationPrefix, StringComparison.Ordinal)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    public static AnalysisRequest From(CompletedRun run, EventLogLocation eventLog, string cohortKey, IReadOnlyList<CohortRun> priorRuns) => new(
        run.App,
        run.Run,
        run.RunId,
        run.SparkAppId,
        run.Outcome,
        run.Started,
        run.Finished,
        eventLog,
        Own(run.Annotations),
        run.Spec.Sla,
        run.Spec.Thresholds is { Count: > 0 } t ? new Dictionary<string, string>(t, StringComparer.Ordinal) : null,
        PodLogSource.DriverPodName(run),
        cohortKey,
        priorRuns)
    {
        Owner = run.Optimization,
    };
}
