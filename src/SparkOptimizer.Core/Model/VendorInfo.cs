namespace SparkOptimizer.Model;

/// <summary>Where the run ran, from markers in its properties (EMR, Databricks, Dataproc, Kubernetes, YARN).</summary>
public sealed record VendorInfo(
    Platform Platform,
    string? ClusterManager,
    string? InstanceType,
    string? DriverInstanceType,
    int? Workers,
    int? MinWorkers,
    int? MaxWorkers,
    string? Region,
    string? Cloud,
    IReadOnlyList<string> Markers)
{
    public static VendorInfo Unknown { get; } = new(Platform.Unknown, null, null, null, null, null, null, null, null, []);

    /// <summary>The property the worker instance type was read from (e.g. spark.databricks.clusterUsageTags.clusterNodeType).</summary>
    public string? InstanceTypeSource { get; init; }

    /// <summary>The property the driver instance type was read from.</summary>
    public string? DriverInstanceTypeSource { get; init; }

    /// <summary>The property the worker count was read from.</summary>
    public string? WorkersSource { get; init; }

    /// <summary>Databricks compute type the cluster is billed as ("jobs-compute" or "all-purpose"), when its tags say.</summary>
    public string? DatabricksSku { get; init; }

    /// <summary>The tag (and value) the Databricks compute type was read from.</summary>
    public string? DatabricksSkuSource { get; init; }

    /// <summary>The Databricks cluster runs the Photon engine (billed at more DBUs per hour), and the property that says so.</summary>
    public bool DatabricksPhoton { get; init; }

    public string? DatabricksPhotonSource { get; init; }

    /// <summary>The Databricks job whose run this was (spark.databricks.job.id on its Spark jobs), or null for a notebook or other session.</summary>
    public string? DatabricksJobId { get; init; }
}
