namespace SparkOptimizer.Ingest.Vendors;

/// <summary>YARN ResourceManager REST API: GET /ws/v1/cluster/apps/ID, for the memory-seconds and vcore-seconds a Spark run was allocated.</summary>
public sealed class YarnResourceManagerClient(HttpClient http, Uri resourceManager)
{
    public async Task<YarnApplication> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var url = new Uri(resourceManager, $"/ws/v1/cluster/apps/{Uri.EscapeDataString(applicationId)}");
        using var doc = await VendorHttp.GetJsonAsync(http, url, null, cancellationToken).ConfigureAwait(false);
        var a = doc.RootElement.Obj("app");
        if (a.ValueKind == default)
        {
            throw new VendorApiException(url.ToString(), "the answer has no \"app\" object");
        }

        static long? Positive(long? v) => v is >= 0 ? v : null; // the RM reports -1 for a finished app's current allocation
        return new YarnApplication(
            a.Str("id") ?? applicationId, a.Str("name"), a.Str("user"), a.Str("queue"), a.Str("state"), a.Str("finalStatus"), a.Str("applicationType"),
            Positive(a.Long("startedTime")), Positive(a.Long("finishedTime")), Positive(a.Long("elapsedTime")),
            Positive(a.Long("memorySeconds")), Positive(a.Long("vcoreSeconds")), Positive(a.Long("allocatedMB")), Positive(a.Long("allocatedVCores")));
    }
}
