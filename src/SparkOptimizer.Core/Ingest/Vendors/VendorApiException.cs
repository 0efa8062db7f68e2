namespace SparkOptimizer.Ingest.Vendors;

/// <summary>A vendor API call failed: names the URL (without query secrets) and the status; never the token.</summary>
public sealed class VendorApiException(string url, string problem, int? status = null)
    : IOException($"{url}: {problem}")
{
    public string Url { get; } = url;

    public int? Status { get; } = status;
}
