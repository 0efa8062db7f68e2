namespace SparkOptimizer.Ingest.Vendors;

/// <summary>
/// Databricks Clusters API: GET /api/2.1/clusters/get?cluster_id=ID with a personal access token, reduced to a
/// <see cref="VendorCluster"/> (node_type_id, driver_node_type_id, num_workers or autoscale, spark_conf, aws/azure/gcp availability).
/// </summary>
public sealed class DatabricksClustersClient(HttpClient http, Uri workspace, string token)
{
    public async Task<VendorCluster> GetClusterAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        var url = new Uri(workspace, $"/api/2.1/clusters/get?cluster_id={Uri.EscapeDataString(clusterId)}");
        using var doc = await VendorHttp.GetJsonAsync(http, url, token, cancellationToken).ConfigureAwait(false);
        var c = doc.RootElement;
        var autoscale = c.Obj("autoscale");
        var availability = c.Obj("aws_attributes").Str("availability") ?? c.Obj("azure_attributes").Str("availability") ?? c.Obj("gcp_attributes").Str("availability");
        return new VendorCluster(
            "databricks",
            c.Str("cluster_id") ?? clusterId,
            c.Str("cluster_name"),
            c.Str("state"),
            c.Str("spark_version"),
            c.Str("driver_node_type_id") ?? c.Str("node_type_id"),
            c.Str("node_type_id"),
            (int?)c.Long("num_workers"),
            (int?)autoscale.Long("min_workers"),
            (int?)autoscale.Long("max_workers"),
            availability is null ? null : availability.Contains("SPOT", StringComparison.OrdinalIgnoreCase) || availability.Contains("PREEMPTIBLE", StringComparison.OrdinalIgnoreCase),
            c.Obj("spark_conf").StringMap());
    }
}
