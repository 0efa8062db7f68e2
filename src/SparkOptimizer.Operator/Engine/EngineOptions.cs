namespace SparkOptimizer.Operator.Engine;

/// <summary>How the operator reads, prices and publishes (section "Engine" of the configuration; secrets come from the environment).</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Base URL of Prometheus (e.g. http://prometheus-server.monitoring:80/); empty disables pod metrics.</summary>
    public string? PrometheusUrl { get; set; }

    /// <summary>Spark History Server base URL, used when an app's spark.eventLog.dir cannot be read directly.</summary>
    public string? HistoryServerUrl { get; set; }

    /// <summary>Folders (mounted volumes) from which local event logs may be read; spark.eventLog.dir elsewhere is refused.</summary>
    public List<string> LocalEventLogRoots { get; set; } = [];

    /// <summary>
    /// Where Spark writes event logs when an app's sparkConf names no spark.eventLog.dir (spark-defaults in the image set it
    /// cluster-wide); empty: such runs are looked for on the History Server only.
    /// </summary>
    public string? DefaultEventLogDir { get; set; }

    /// <summary>URI schemes of object stores the operator may read event logs from.</summary>
    public List<string> EventLogSchemes { get; set; } = [.. EventLogSourcePolicy.DefaultSchemes];

    /// <summary>Instance type assumed for pricing when the run does not name one.</summary>
    public string? DefaultInstanceType { get; set; }

    /// <summary>Instance type every run is priced at, over the nodes' labels and the log (an app's sparkoptimizer.io/instance-type annotation still wins).</summary>
    public string? InstanceType { get; set; }

    /// <summary>Read the node a run ran on (its pods' nodeName, the Node's labels; or kube_node_labels in Prometheus) to price it.</summary>
    public bool ReadNodeLabels { get; set; } = true;

    /// <summary>Threshold overrides file (YAML); the app's SparkOptimization may override further.</summary>
    public string? ThresholdsFile { get; set; }

    /// <summary>GitHub (or GitHub Enterprise) API base URL; with GITHUB_TOKEN set in the environment, PRs are opened.</summary>
    public string GitHubApiUrl { get; set; } = "https://api.github.com/";

    /// <summary>Default repository "owner/repo" holding the manifests, when the app has no manifest annotation.</summary>
    public string? GitOpsRepository { get; set; }

    /// <summary>Base branch of the GitOps repository (default: the repository's default branch).</summary>
    public string? BaseBranch { get; set; }

    /// <summary>Fleet-wide ceiling on trust levels (observe, recommend, pullRequest, autoMerge): no app goes above it.</summary>
    public string TrustCeiling { get; set; } = "pullRequest";

    /// <summary>Caps across the fleet (Renovate's etiquette).</summary>
    public int? MaxOpenPullRequests { get; set; }

    public int? MaxNewPullRequestsPerHour { get; set; }

    /// <summary>The run-history store (cohorts, proposals, verdicts, calibration).</summary>
    public HistoryOptions History { get; set; } = new();
    /// <summary>Analysis of large logs (or of bursts) in Kubernetes Jobs.</summary>
    public Jobs.JobOptions Jobs { get; set; } = new();
}
