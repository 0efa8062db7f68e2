using System.Text.RegularExpressions;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// abfs://, abfss://, wasb:// and wasbs:// (container@account.dfs|blob.core.windows.net/path) through Azure.Storage.Blobs,
/// with a connection string, an account key or a SAS token. Each part streams from one download response.
/// </summary>
internal sealed partial class AzureBlobEventLogSource
{
    private readonly SourceUri _uri;
    private readonly SourceOptions _options;
    private readonly BlobContainerClient _container;
    private readonly string?[] _secrets;

    public AzureBlobEventLogSource(SourceUri uri, SourceOptions options)
    {
        _uri = uri;
        _options = options;
        var at = uri.Authority.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new EventLogFormatException(uri.Display, "expected container@account.blob.core.windows.net (or .dfs.) after the scheme");
        }

        var containerName = uri.Authority[..at];
        var host = uri.Authority[(at + 1)..];
        var account = host.Split('.')[0];
        var connection = options.AzureConnectionString ?? options.Env(SourceEnvironment.AzureConnectionString);
        var key = options.AzureAccountKey ?? options.Env(SourceEnvironment.AzureAccountKey);
        var sas = options.AzureSasToken ?? options.Env(SourceEnvironment.AzureSasToken);
        _secrets = [connection, key, sas, AccountKeyOf(connection)];
        var endpoint = (options.AzureBlobEndpoint ?? options.Env(SourceEnvironment.AzureBlobEndpoint) ?? $"https://{account}.blob.core.windows.net").TrimEnd('/');
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = options.HttpTimeout;
        try
        {
            var service = connection is not null
                ? new BlobServiceClient(connection, clientOptions)
                : key is not null
                    ? new BlobServiceClient(new Uri(endpoint), new StorageSharedKeyCredential(account, key), clientOptions)
                    : sas is not null
                        ? new BlobServiceClient(new Uri(endpoint), new AzureSasCredential(sas.TrimStart('?')), clientOptions)
                        : new BlobServiceClient(new Uri(endpoint), clientOptions);
            _container = service.GetBlobContainerClient(containerName);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException)
        {
            throw SourceErrors.Fail(uri.Display, "the Azure storage connection string or account key is malformed", _secrets);
        }
    }

    public IReadOnlyList<EventLogInput> Resolve()
    {
        var key = _uri.Path;
        var prefix = key.TrimEnd('/');
        var listed = Call(() => _container.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix.Length == 0 ? null : prefix, CancellationToken.None)
            .Select(b => new RemoteObject(b.Name, b.Properties.ContentLength ?? 0)).ToList(), _uri.Display);
        var chosen = RemoteLayout.Select(key, listed);
        if (chosen.Count == 0)
        {
            throw SourceErrors.Fail(_uri.Display, key.Length == 0 ? "container is empty" : "no such blob, and no blobs under it", _secrets);
        }

        return RemoteLayout.Group(chosen, o => _uri.Child(o.Key), Part, DownloadZip);
    }

    /// <summary>The names inside this folder starting with each prefix: one listing by hierarchy ('/') per prefix, blobs and virtual folders.</summary>
    public IReadOnlyList<string> ListNames(IReadOnlyList<string> prefixes)
    {
        var names = new List<string>();
        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal))
        {
            names.AddRange(Call(() => _container.GetBlobsByHierarchy(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "/", FolderListing.KeyPrefix(_uri.Path, prefix), CancellationToken.None)
                .Take(FolderListing.MaxNames)
                .Select(item => FolderListing.NameOf(item.IsPrefix ? item.Prefix : item.Blob.Name)).ToList(), _uri.Display));
        }

        return FolderListing.Bounded(names);
    }

    private EventLogPart Part(RemoteObject o)
    {
        var display = _uri.Child(o.Key);
        return new EventLogPart(display, () =>
        {
            var result = Call(() => _container.GetBlobClient(o.Key).DownloadStreaming().Value, display);
            return new OwnedStream(result.Content, result);
        }, o.Length);
    }

    private IReadOnlyList<EventLogInput> DownloadZip(RemoteObject o)
    {
        var display = _uri.Child(o.Key);
        return DownloadedZip.Open(display, target => Call(() => _container.GetBlobClient(o.Key).DownloadTo(target), display), _options);
    }

    private T Call<T>(Func<T> call, string display)
    {
        try
        {
            return call();
        }
        catch (RequestFailedException ex)
        {
            throw SourceErrors.Fail(display, Describe(ex), _secrets);
        }
        catch (AggregateException ex)
        {
            throw SourceErrors.Fail(display, $"cannot reach the store: {ex.InnerException?.Message ?? ex.Message}", _secrets);
        }
    }

    private string Describe(RequestFailedException ex) => ex.ErrorCode switch
    {
        "ContainerNotFound" => $"no such container '{_container.Name}'",
        "BlobNotFound" => "no such blob",
        "AuthenticationFailed" => "authentication failed: the account key, SAS or connection string was refused",
        "AuthorizationFailure" or "AuthorizationPermissionMismatch" => "access denied: the credentials were refused or may not read this container",
        "ResourceNotFound" => "not found",
        _ when ex.Status == 0 => "cannot reach the store",
        _ when ex.Status is 401 or 403 => $"authentication failed ({ex.ErrorCode})",
        _ => $"store error {ex.Status} {ex.ErrorCode}",
    };

    [GeneratedRegex("AccountKey=([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex AccountKeyPattern();

    private static string? AccountKeyOf(string? connection) =>
        connection is not null && AccountKeyPattern().Match(connection) is { Success: true } m ? m.Groups[1].Value : null;
}
