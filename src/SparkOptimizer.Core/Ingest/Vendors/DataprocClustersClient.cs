namespace SparkOptimizer.Ingest.Vendors;

/// <summary>
/// Dataproc REST API: GET /v1/projects/P/regions/R/clusters/NAME with an OAuth access token, reduced to a
/// <see cref="VendorCluster"/>: worker machine type and count, secondary (preemptible/spot) workers, and the
/// software properties whose "spark:" prefix marks Spark conf.
/// </summary>
public sealed class DataprocClustersClient(HttpClient http, string accessToken, Uri? endpoint = null)
{
    public static readonly Uri DefaultEndpoint = new("https://dataproc.googleapis.com");

    public async Task<VendorCluster> GetClusterAsync(string project, string region, string cluster, CancellationToken cancellationToken = default)
    {
        var path = $"/v1/projects/{Uri.EscapeDataString(project)}/regions/{Uri.EscapeDataString(region)}/clusters/{Uri.EscapeDataString(cluster)}";
        using var doc = await VendorHttp.GetJsonAsync(http, new Uri(endpoint ?? DefaultEndpoint, path), accessToken, cancellationToken).ConfigureAwait(false);
        var c = doc.RootElement;
        var config = c.Obj("config");
        var workers = config.Obj("workerConfig");
        var secondary = config.Obj("secondaryWorkerConfig");
        var primaryCount = (int?)workers.Long("numInstances") ?? 0;
        var secondaryCount = (int?)secondary.Long("numInstances") ?? 0;
        var properties = config.Obj("softwareConfig").Obj("properties").StringMap();
        var spark = properties.Where(p => p.Key.StartsWith("spark:", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["spark:".Length..], p => p.Value, StringComparer.Ordinal);
        return new VendorCluster(
            "dataproc",
            c.Str("clusterUuid") ?? cluster,
            c.Str("clusterName"),
            c.Obj("status").Str("state"),
            config.Obj("softwareConfig").Str("imageVersion"),
            MachineType(config.Obj("masterConfig").Str("machineTypeUri")),
            MachineType(workers.Str("machineTypeUri")),
            primaryCount + secondaryCount,
            null,
            null,
            secondaryCount > 0,
            spark);
    }

    /// <summary>"https://.../zones/us-central1-a/machineTypes/n1-standard-4" to "n1-standard-4".</summary>
    private static string? MachineType(string? uri) => uri is null ? null : uri[(uri.LastIndexOf('/') + 1)..];
}
