using SparkOptimizer.Model;

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

    /// <summary>
    /// Fills what the run's log did not record (node types, workers, autoscaling range) from the vendor's answer, for the
    /// cost model. What the log recorded wins: it is what ran, while the API describes the cluster as it is now.
    /// </summary>
    public VendorInfo FillGaps(VendorInfo observed)
    {
        var platform = observed.Platform is Platform.Unknown or Platform.Yarn ? Vendor switch
        {
            "databricks" => Platform.Databricks,
            "emr" => Platform.Emr,
            "dataproc" => Platform.Dataproc,
            _ => observed.Platform,
        } : observed.Platform;
        var cloud = observed.Cloud ?? Vendor switch
        {
            "emr" => "aws",
            "dataproc" => "gcp",
            _ => null,
        };
        return observed with
        {
            Platform = platform,
            InstanceType = observed.InstanceType ?? WorkerNodeType,
            DriverInstanceType = observed.DriverInstanceType ?? DriverNodeType,
            Workers = observed.Workers ?? Workers,
            MinWorkers = observed.MinWorkers ?? MinWorkers,
            MaxWorkers = observed.MaxWorkers ?? MaxWorkers,
            Cloud = cloud,
            Markers = observed.Markers.Contains("api:" + Vendor) ? observed.Markers : [.. observed.Markers, "api:" + Vendor],
            InstanceTypeSource = observed.InstanceType is null && WorkerNodeType is not null ? $"{Vendor} clusters API" : observed.InstanceTypeSource,
            DriverInstanceTypeSource = observed.DriverInstanceType is null && DriverNodeType is not null ? $"{Vendor} clusters API" : observed.DriverInstanceTypeSource,
            WorkersSource = observed.Workers is null && Workers is not null ? $"{Vendor} clusters API" : observed.WorkersSource,
        };
    }
}
