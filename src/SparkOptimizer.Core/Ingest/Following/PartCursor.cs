namespace SparkOptimizer.Ingest.Following;

/// <summary>How far one part has been read: decoded bytes up to the last complete line, and lines seen.</summary>
internal sealed class PartCursor(string name)
{
    public string Name { get; set; } = name;

    public long Offset { get; set; }

    public long Lines { get; set; }

    /// <summary>The part's stored size when it was last read to its end; null until then.</summary>
    public long? SeenLength { get; set; }

    public string Codec { get; set; } = "plain";
}
