namespace SparkOptimizer.Operator;

/// <summary>The operator's settings (configuration section "Operator"; env: Operator__Namespaces__0=team-a ...).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    /// <summary>Namespaces to watch; empty watches the whole cluster.</summary>
    public List<string> Namespaces { get; set; } = [];

    public WatchOptions Watch { get; set; } = new();

    /// <summary>Reconciles running at once (different apps); one app is never reconciled twice at a time.</summary>
    public int Concurrency { get; set; } = 4;

    public LeaderElectionOptions LeaderElection { get; set; } = new();

    /// <summary>Unit of the exponential back-off: waits are 2^min(n,5) units plus up to one unit of jitter.</summary>
    public TimeSpan BackoffUnit { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often to check again whether a missing CRD has been installed.</summary>
    public TimeSpan MissingCrdRetry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Server-side timeout of each watch request (the watch then resumes); null: the server's default.</summary>
    public int? WatchTimeoutSeconds { get; set; } = 300;

    /// <summary>How many processed run identities each SparkOptimization keeps.</summary>
    public int ProcessedRunsLimit { get; set; } = 100;

    /// <summary>Attempts at analysing one run (with back-off between them) before it is recorded as failed.</summary>
    public int MaxAnalysisAttempts { get; set; } = 5;

    /// <summary>
    /// How long after a run ends its event log is looked for (object stores receive it when the app stops; History Servers poll):
    /// meanwhile the SparkOptimization is Pending with reason EventLogNotFound; after it, Error with what was tried.
    /// </summary>
    public TimeSpan EventLogWaitWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Unit of the back-off between looks for a missing event log: 2^min(n,5) units plus jitter (30 s … 8 min by default).</summary>
    public TimeSpan EventLogRetryUnit { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Path of a kubeconfig; when empty: the files in KUBECONFIG, else ~/.kube/config, else the pod's service account.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use; empty: the current context.</summary>
    public string? Context { get; set; }
}
