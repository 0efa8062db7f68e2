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
}
