namespace SparkOptimizer.Operator;

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
