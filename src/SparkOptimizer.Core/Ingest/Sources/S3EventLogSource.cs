using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// s3://, s3a:// and s3n:// through AWSSDK.S3, and gs:// through GCS's S3-compatible XML API with HMAC keys.
/// Lists with ListObjectsV2 and streams each part from its GetObject response.
/// </summary>
internal sealed class S3EventLogSource
{
    private const string GcsDefaultEndpoint = "https://storage.googleapis.com";
    private readonly AmazonS3Client _client;
    private readonly string?[] _secrets;
    private readonly SourceUri _uri;
    private readonly SourceOptions _options;

    public S3EventLogSource(SourceUri uri, SourceOptions options)
    {
        _uri = uri;
        _options = options;
        var gcs = uri.Scheme == "gs";
        var (accessKey, secretKey, token) = gcs
            ? (options.GcsHmacAccessId ?? options.Env(SourceEnvironment.GcsHmacAccessId), options.GcsHmacSecret ?? options.Env(SourceEnvironment.GcsHmacSecret), null)
            : (options.S3AccessKey ?? options.Env(SourceEnvironment.AwsAccessKey), options.S3SecretKey ?? options.Env(SourceEnvironment.AwsSecretKey),
                options.S3SessionToken ?? options.Env(SourceEnvironment.AwsSessionToken));
        _secrets = [secretKey, token, accessKey, uri.UserInfo];
        if (uri.UserInfo is { } legacy && legacy.Split(':', 2) is [var k, var s] && accessKey is null)
        {
            (accessKey, secretKey) = (Uri.UnescapeDataString(k), Uri.UnescapeDataString(s));
            _secrets = [.. _secrets, accessKey, secretKey];
        }

        var endpoint = gcs
            ? options.GcsEndpoint ?? options.Env(SourceEnvironment.GcsEndpoint) ?? GcsDefaultEndpoint
            : options.S3ServiceUrl ?? options.Env(SourceEnvironment.AwsEndpointS3) ?? options.Env(SourceEnvironment.AwsEndpoint);
        var region = options.S3Region ?? options.Env(SourceEnvironment.AwsRegion) ?? options.Env(SourceEnvironment.AwsDefaultRegion) ?? (gcs ? "auto" : "us-east-1");
        var config = new AmazonS3Config
        {
            // Custom stores (GCS, MinIO, s3rver) mostly lack SDK v4's flexible checksums; ask for them only when required.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 2,
        };
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
            config.ForcePathStyle = options.S3ForcePathStyle ?? true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            config.ForcePathStyle = options.S3ForcePathStyle ?? false;
        }

        if (gcs && (accessKey is null || secretKey is null))
        {
            throw SourceErrors.Fail(uri.Display, $"gs:// needs HMAC keys: set {SourceEnvironment.GcsHmacAccessId} and {SourceEnvironment.GcsHmacSecret}", _secrets);
        }

        _client = accessKey is not null && secretKey is not null
            ? new AmazonS3Client(token is null ? new BasicAWSCredentials(accessKey, secretKey) : new SessionAWSCredentials(accessKey, secretKey, token), config)
            : new AmazonS3Client(config);
    }

    private string Bucket => _uri.Authority;

    public IReadOnlyList<EventLogInput> Resolve()
    {
        var key = _uri.Path;
        var listed = List(key.TrimEnd('/'));
        var chosen = RemoteLayout.Select(key, listed);
        if (chosen.Count == 0)
        {
            throw SourceErrors.Fail(_uri.Display, key.Length == 0 ? "bucket is empty" : "no such key, and no objects under it", _secrets);
        }

        return RemoteLayout.Group(chosen, o => _uri.Child(o.Key), Part, DownloadZip);
    }

    /// <summary>The names inside this folder starting with each prefix: one delimited listing per prefix (objects and common prefixes).</summary>
    public IReadOnlyList<string> ListNames(IReadOnlyList<string> prefixes)
    {
        var names = new List<string>();
        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal))
        {
            var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = FolderListing.KeyPrefix(_uri.Path, prefix), Delimiter = "/" };
            do
            {
                var response = Call(() => _client.ListObjectsV2Async(request).GetAwaiter().GetResult(), _uri.Display);
                names.AddRange((response.S3Objects ?? []).Select(o => FolderListing.NameOf(o.Key)));
                names.AddRange((response.CommonPrefixes ?? []).Select(FolderListing.NameOf));
                request.ContinuationToken = response.IsTruncated == true && names.Count < FolderListing.MaxNames ? response.NextContinuationToken : null;
            }
            while (request.ContinuationToken is not null);
        }

        return FolderListing.Bounded(names);
    }

    private List<RemoteObject> List(string prefix)
    {
        var found = new List<RemoteObject>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix.Length == 0 ? null : prefix };
        do
        {
            var response = Call(() => _client.ListObjectsV2Async(request).GetAwaiter().GetResult(), _uri.Display);
            found.AddRange((response.S3Objects ?? []).Select(o => new RemoteObject(o.Key, o.Size ?? 0)));
            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return found;
    }

    private EventLogPart Part(RemoteObject o)
    {
        var display = _uri.Child(o.Key);
        return new EventLogPart(display, () =>
        {
            var response = Call(() => _client.GetObjectAsync(Bucket, o.Key).GetAwaiter().GetResult(), display);
            return new OwnedStream(response.ResponseStream, response);
        }, o.Length);
    }

    private IReadOnlyList<EventLogInput> DownloadZip(RemoteObject o)
    {
        var display = _uri.Child(o.Key);
        return DownloadedZip.Open(display, target =>
        {
            using var response = Call(() => _client.GetObjectAsync(Bucket, o.Key).GetAwaiter().GetResult(), display);
            response.ResponseStream.CopyTo(target);
        }, _options);
    }

    private T Call<T>(Func<T> call, string display)
    {
        try
        {
            return call();
        }
        catch (AmazonS3Exception ex)
        {
            throw SourceErrors.Fail(display, Describe(ex), _secrets, ex);
        }
        catch (AmazonServiceException ex)
        {
            throw SourceErrors.Fail(display, $"request failed: {ex.Message}", _secrets, ex);
        }
        catch (AmazonClientException ex)
        {
            throw SourceErrors.Fail(display, $"cannot reach the store or find credentials: {ex.Message}", _secrets, ex);
        }
        catch (HttpRequestException ex)
        {
            throw SourceErrors.Fail(display, $"cannot reach the store: {ex.Message}", _secrets, ex);
        }
    }

    private string Describe(AmazonS3Exception ex) => ex.ErrorCode switch
    {
        "NoSuchBucket" => $"no such bucket '{Bucket}'",
        "NoSuchKey" => "no such key",
        "InvalidAccessKeyId" => "authentication failed: the access key id is not known to the store",
        "SignatureDoesNotMatch" => "authentication failed: the secret key does not match the access key id",
        "AccessDenied" => "access denied: the credentials may not read this bucket or key",
        "ExpiredToken" or "InvalidToken" => "authentication failed: the session token is expired or invalid",
        _ when ex.StatusCode == HttpStatusCode.NotFound => "not found",
        _ when ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => $"authentication failed ({ex.ErrorCode})",
        _ => $"store error {(int)ex.StatusCode} {ex.ErrorCode}",
    };
}
