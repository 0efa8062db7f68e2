namespace SparkOptimizer.Ingest.Sources;

/// <summary>One object listed in a remote store: its key (path inside the bucket or container) and size.</summary>
internal sealed record RemoteObject(string Key, long Length)
{
    public string Name => Key[(Key.LastIndexOf('/') + 1)..];

    public string Folder => Key.LastIndexOf('/') is var i and >= 0 ? Key[..i] : string.Empty;
}
