namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// How to reach the stores that <see cref="EventLogSourceResolver"/> names. Anything left null falls back to the
/// environment (see <see cref="SourceEnvironment"/>) and then to each SDK's own credential chain. Secrets given here
/// are used for requests only: they never appear in warnings, errors or reports.
/// </summary>
public sealed record SourceOptions
{
    public static SourceOptions Default { get; } = new();

    public EventLogReadOptions Read { get; init; } = EventLogReadOptions.Default;

    /// <summary>S3-compatible endpoint (MinIO, s3rver, Ceph); null means AWS itself.</summary>
    public string? S3ServiceUrl { get; init; }

    public string? S3AccessKey { get; init; }

    public string? S3SecretKey { get; init; }

    public string? S3SessionToken { get; init; }

    public string? S3Region { get; init; }

    /// <summary>Path-style addressing (bucket in the path); on by default whenever a custom endpoint is set.</summary>
    public bool? S3ForcePathStyle { get; init; }

    /// <summary>GCS XML API endpoint; null means https://storage.googleapis.com.</summary>
    public string? GcsEndpoint { get; init; }

    public string? GcsHmacAccessId { get; init; }

    public string? GcsHmacSecret { get; init; }

    public string? AzureConnectionString { get; init; }

    public string? AzureAccountKey { get; init; }

    public string? AzureSasToken { get; init; }

    /// <summary>Blob endpoint override (Azurite: http://127.0.0.1:PORT/devstoreaccount1); null means https://ACCOUNT.blob.core.windows.net.</summary>
    public string? AzureBlobEndpoint { get; init; }

    /// <summary>Bearer token for a History Server behind an authenticating proxy (user:password in the URL works too).</summary>
    public string? HistoryServerToken { get; init; }

    /// <summary>Most applications read when a History Server URL names no application (its list is newest first).</summary>
    public int HistoryServerMaxApplications { get; init; } = 50;

    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where downloaded zips (History Server, zipped objects) are kept; null means the system temp folder.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Reads an environment variable; replaceable so that tests do not depend on the machine's environment.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Shows endpoints and which secrets are set, never their values (a record would print them all).</summary>
    public override string ToString()
    {
        static string Secret(string? value) => value is null ? "unset" : "***";
        return $"SourceOptions {{ S3ServiceUrl = {S3ServiceUrl}, S3AccessKey = {Secret(S3AccessKey)}, S3SecretKey = {Secret(S3SecretKey)}, " +
            $"S3SessionToken = {Secret(S3SessionToken)}, S3Region = {S3Region}, GcsEndpoint = {GcsEndpoint}, GcsHmacAccessId = {Secret(GcsHmacAccessId)}, " +
            $"GcsHmacSecret = {Secret(GcsHmacSecret)}, AzureConnectionString = {Secret(AzureConnectionString)}, AzureAccountKey = {Secret(AzureAccountKey)}, " +
            $"AzureSasToken = {Secret(AzureSasToken)}, AzureBlobEndpoint = {AzureBlobEndpoint}, HistoryServerToken = {Secret(HistoryServerToken)}, TempDirectory = {TempDirectory} }}";
    }

    internal string? Env(string name)
    {
        var value = Environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
