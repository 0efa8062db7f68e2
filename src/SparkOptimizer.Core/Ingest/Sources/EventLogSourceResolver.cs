namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// The one way to name where event logs are, shared by the CLI and the operator: a local path or file://, s3://, s3a://,
/// gs://, abfs(s)://, wasb(s)://, or a History Server's http(s):// URL. Returns every application found, each with
/// parts that stream when opened. Failures are <see cref="EventLogFormatException"/> naming the URI, never a secret.
/// </summary>
public static class EventLogSourceResolver
{
    public static IReadOnlyList<EventLogInput> Resolve(string uriOrPath, SourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uriOrPath);
        options ??= SourceOptions.Default;
        var scheme = SourceUri.SchemeOf(uriOrPath);
        if (scheme is null)
        {
            return new LocalEventLogLocator(options.Read).Locate(uriOrPath);
        }

        if (scheme == "file")
        {
            return new LocalEventLogLocator(options.Read).Locate(SourceUri.LocalPathOf(uriOrPath));
        }

        var uri = SourceUri.Parse(uriOrPath);
        return scheme switch
        {
            "s3" or "s3a" or "s3n" or "gs" => new S3EventLogSource(uri, options).Resolve(),
            "abfs" or "abfss" or "wasb" or "wasbs" => new AzureBlobEventLogSource(uri, options).Resolve(),
            "http" or "https" => new HistoryServerEventLogSource(uri, options).Resolve(),
            _ => throw new EventLogFormatException(uri.Display, $"unsupported scheme '{scheme}://' (use a path, file://, s3://, s3a://, gs://, abfs(s)://, wasb(s)://, or a History Server http(s):// URL)"),
        };
    }

    /// <summary>
    /// The names directly inside <paramref name="folder"/> (files and sub-folders) that start with one of <paramref name="prefixes"/>
    /// (ignoring case), as the folder's source lists them: a local folder, s3/s3a/s3n/gs, abfs(s)/wasb(s). Null for a source that
    /// cannot list a folder (a History Server). At most <see cref="FolderListing.MaxNames"/> names. Failures are
    /// <see cref="EventLogFormatException"/> naming the folder, never a secret.
    /// </summary>
    public static IReadOnlyList<string>? ListNames(string folder, IReadOnlyList<string> prefixes, SourceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(prefixes);
        options ??= SourceOptions.Default;
        if (LocalPath(folder) is { } local)
        {
            return FolderListing.Local(local, prefixes);
        }

        var uri = SourceUri.Parse(folder);
        return uri.Scheme switch
        {
            "s3" or "s3a" or "s3n" or "gs" => new S3EventLogSource(uri, options).ListNames(prefixes),
            "abfs" or "abfss" or "wasb" or "wasbs" => new AzureBlobEventLogSource(uri, options).ListNames(prefixes),
            _ => null,
        };
    }

    /// <summary>The scheme of a URI, lower case, as <see cref="Resolve"/> reads it; null for a local path.</summary>
    public static string? SchemeOf(string uriOrPath) => SourceUri.SchemeOf(uriOrPath);

    /// <summary>True when the name is a local path (or file://), which a follower can reopen and seek.</summary>
    /// <summary>
    /// A location without user info (<c>s3a://KEY:SECRET@bucket/x</c> becomes <c>s3a://bucket/x</c>), by the rule the sources read it
    /// with: any <c>user@</c> of http(s), <c>key:secret@</c> of s3, s3a, s3n and gs; abfs and wasb keep <c>container@account</c>.
    /// </summary>
    public static string WithoutUserInfo(string uriOrPath) => SourceUri.WithoutUserInfo(uriOrPath);

    public static bool IsLocal(string uriOrPath) => SourceUri.SchemeOf(uriOrPath) is null or "file";

    /// <summary>The local path a name stands for (file:///abs and Hadoop's file:/abs unwrapped), or null for a remote source.</summary>
    public static string? LocalPath(string uriOrPath) => SourceUri.SchemeOf(uriOrPath) switch
    {
        null => uriOrPath,
        "file" => SourceUri.LocalPathOf(uriOrPath),
        _ => null,
    };
}
