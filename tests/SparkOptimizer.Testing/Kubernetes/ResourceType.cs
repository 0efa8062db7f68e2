namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>A kind served by the fake API server (a built-in, or a custom resource whose CRD is "installed").</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced = true, bool HasStatus = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static readonly ResourceType Events = new("", "v1", "events", "Event", HasStatus: false);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "Lease", HasStatus: false);
    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod");
    public static readonly ResourceType Jobs = new("batch", "v1", "jobs", "Job");
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", HasStatus: false);

    public static readonly ResourceType KubeflowSparkApplications = new("sparkoperator.k8s.io", "v1beta2", "sparkapplications", "SparkApplication");
    public static readonly ResourceType KubeflowScheduledSparkApplications = new("sparkoperator.k8s.io", "v1beta2", "scheduledsparkapplications", "ScheduledSparkApplication");
    public static readonly ResourceType ApacheSparkApplications = new("spark.apache.org", "v1", "sparkapplications", "SparkApplication");
    public static readonly ResourceType SparkOptimizations = new("sparkoptimizer.io", "v1alpha1", "sparkoptimizations", "SparkOptimization");
}
