namespace SparkOptimizer.Ingest.Sources;

/// <summary>The environment variables read when <see cref="SourceOptions"/> leaves a setting null.</summary>
public static class SourceEnvironment
{
    public const string AwsAccessKey = "AWS_ACCESS_KEY_ID";
    public const string AwsSecretKey = "AWS_SECRET_ACCESS_KEY";
    public const string AwsSessionToken = "AWS_SESSION_TOKEN";
    public const string AwsRegion = "AWS_REGION";
    public const string AwsDefaultRegion = "AWS_DEFAULT_REGION";
    public const string AwsEndpointS3 = "AWS_ENDPOINT_URL_S3";
    public const string AwsEndpoint = "AWS_ENDPOINT_URL";
    public const string GcsEndpoint = "GCS_ENDPOINT_URL";
    public const string GcsHmacAccessId = "GCS_HMAC_ACCESS_ID";
    public const string GcsHmacSecret = "GCS_HMAC_SECRET";
    public const string AzureConnectionString = "AZURE_STORAGE_CONNECTION_STRING";
    public const string AzureAccountKey = "AZURE_STORAGE_KEY";
    public const string AzureSasToken = "AZURE_STORAGE_SAS_TOKEN";
    public const string AzureBlobEndpoint = "AZURE_STORAGE_BLOB_ENDPOINT";
    public const string HistoryServerToken = "SPARK_HISTORY_TOKEN";
}
