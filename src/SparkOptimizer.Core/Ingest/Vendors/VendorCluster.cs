namespace SparkOptimizer.Ingest.Vendors;

/// <summary>
/// A cluster as a vendor's API describes it, reduced to what the cost model and the recommender need: node types,
/// worker count or autoscaling range, spot/preemptible use, and the Spark conf the cluster sets.
/// </summary>
public sealed record VendorCluster(
    string Vendor,
    string ClusterId,
    string? Name,
    string? State,
    string? RuntimeVersion,
    string? DriverNodeType,
    string? WorkerNodeType,
    int? Workers,
    int? MinWorkers,
    int? MaxWorkers,
    bool? UsesSpot,
    IReadOnlyDictionary<string, string> SparkConf)
{
    public bool Autoscaling => MinWorkers is not null && MaxWorkers is not null && MinWorkers != MaxWorkers;
}
