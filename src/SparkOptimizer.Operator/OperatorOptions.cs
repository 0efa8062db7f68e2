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

    /// <summary>Path of a kubeconfig; when empty: in-cluster config inside a pod, else KUBECONFIG or ~/.kube/config.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use; empty: the current context.</summary>
    public string? Context { get; set; }
}

/// <summary>Which Spark operators' kinds to watch.</summary>
public sealed class WatchOptions
{
    /// <summary>Kubeflow spark-operator: sparkoperator.k8s.io/v1beta2 SparkApplication and ScheduledSparkApplication.</summary>
    public bool Kubeflow { get; set; } = true;

    /// <summary>Apache Spark Kubernetes Operator: spark.apache.org/v1 SparkApplication.</summary>
    public bool Apache { get; set; } = true;
}

/// <summary>Leader election on a coordination.k8s.io Lease, with client-go's default timings.</summary>
public sealed class LeaderElectionOptions
{
    public bool Enabled { get; set; } = true;

    public string LeaseName { get; set; } = "spark-optimizer";

    /// <summary>Namespace of the Lease; empty: the pod's namespace (POD_NAMESPACE or the service account's), else "default".</summary>
    public string? LeaseNamespace { get; set; }

    /// <summary>This replica's identity; empty: the pod name (HOSTNAME) plus a random suffix.</summary>
    public string? Identity { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}
