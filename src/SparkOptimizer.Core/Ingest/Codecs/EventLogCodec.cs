namespace SparkOptimizer.Ingest.Codecs;

/// <summary>How an event-log file is encoded on disk. Spark names these by <c>spark.io.compression.codec</c>.</summary>
public enum EventLogCodec
{
    /// <summary>Uncompressed JSON lines.</summary>
    Plain,

    /// <summary>gzip, possibly several members back to back (Databricks rolled parts).</summary>
    Gzip,

    /// <summary>Zstandard, possibly many concatenated frames (Spark flushes one frame per batch).</summary>
    Zstd,

    /// <summary>lz4-java's <c>LZ4BlockOutputStream</c> framing, not the standard LZ4 frame format.</summary>
    Lz4,

    /// <summary>xerial snappy-java's <c>SnappyOutputStream</c> framing, not the Google framing format.</summary>
    Snappy,

    /// <summary>ning compress-lzf <c>ZV</c> chunks.</summary>
    Lzf,

    /// <summary>A zip archive (History Server downloads); the caller lists and opens its members.</summary>
    Zip,
}
