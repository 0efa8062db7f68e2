using SparkOptimizer.Operator.Entities.Apache;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Entities.Optimization;

namespace SparkOptimizer.Operator.Rbac;

/// <summary>
/// Every Kubernetes API call the operator makes, as RBAC rules: the one list the Helm chart's Roles must match
/// (a test renders the chart and compares, and another checks these against the requests an operator really sends).
/// </summary>
public static class OperatorPermissions
{
    /// <summary>Our own resource: found or created per app, its spec patched when the app's annotations change; status written only through /status. Driver pod logs are read for OOM evidence.</summary>
    public static readonly IReadOnlyList<PermissionRule> Always =
    [
        new(V1Alpha1SparkOptimization.Group, V1Alpha1SparkOptimization.Plural, ["get", "list", "watch", "create", "patch"]),
        new(V1Alpha1SparkOptimization.Group, V1Alpha1SparkOptimization.Plural + "/status", ["patch"]),
        new("", "events", ["create"]),
        new("", "pods/log", ["get"]),
    ];

    /// <summary>Kubeflow spark-operator's kinds, read from the watch cache only.</summary>
    public static readonly IReadOnlyList<PermissionRule> Kubeflow =
    [
        new(V1Beta2SparkApplication.Group, V1Beta2SparkApplication.Plural, ["list", "watch"]),
        new(V1Beta2SparkApplication.Group, V1Beta2ScheduledSparkApplication.Plural, ["list", "watch"]),
    ];

    /// <summary>The Apache Spark Kubernetes Operator's SparkApplication.</summary>
    public static readonly IReadOnlyList<PermissionRule> Apache =
    [
        new(V1SparkApplication.Group, V1SparkApplication.Plural, ["list", "watch"]),
    ];

    /// <summary>Analysis Jobs (when enabled): a run's Jobs listed by its run label (to adopt the newest after a restart), created, watched by name and read again when a watch ends, deleted once read; their pods listed by the job-name label (their logs are pods/log, granted always).</summary>
    public static readonly IReadOnlyList<PermissionRule> AnalysisJobs =
    [
        new("batch", "jobs", ["create", "get", "list", "watch", "delete"]),
        new("", "pods", ["list"]),
    ];

    /// <summary>Node types for pricing (when Engine:ReadNodeLabels): a run's executor pods listed by Spark's labels and its driver pod read for their nodeName, and that Node read for its instance-type, region and capacity-type labels.</summary>
    public static readonly IReadOnlyList<PermissionRule> NodeLabels =
    [
        new("", "pods", ["get", "list"]),
        new("", "nodes", ["get"], PermissionScope.Cluster),
    ];

    /// <summary>Leader election: KubernetesClient's LeaseLock reads, creates and replaces the Lease.</summary>
    public static readonly IReadOnlyList<PermissionRule> LeaderElection =
    [
        new("coordination.k8s.io", "leases", ["get", "create", "update"], PermissionScope.OperatorNamespace),
    ];

    public static IReadOnlyList<PermissionRule> For(bool kubeflow, bool apache, bool leaderElection = true, bool analysisJobs = false, bool nodeLabels = false) =>
        Always
            .Concat(kubeflow ? Kubeflow : [])
            .Concat(apache ? Apache : [])
            .Concat(analysisJobs ? AnalysisJobs : [])
            .Concat(nodeLabels ? NodeLabels : [])
            .Concat(leaderElection ? LeaderElection : [])
            .ToList();

    /// <summary>The rules an operator with these settings needs: the Job rules only when analysis Jobs are enabled.</summary>
    public static IReadOnlyList<PermissionRule> For(OperatorOptions options, Engine.EngineOptions engine) =>
        For(options.Watch.Kubeflow, options.Watch.Apache, options.LeaderElection.Enabled, engine.Jobs.Enabled, engine.ReadNodeLabels);
}
