namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Entry point of the decompression layer: turns a raw event-log stream into the JSON-lines bytes,
/// whatever Spark compressed it with. Every failure of the data (corrupt, truncated, a bomb) surfaces
/// as <see cref="EventLogFormatException"/> naming the file; a truncated file says "truncated".
/// </summary>
public static class CodecStreams
{
    /// <summary>
    /// Detects the codec from the first bytes of <paramref name="raw"/> (then its name) and returns a
    /// forward-only stream of decompressed bytes. <paramref name="raw"/> need not be seekable; disposing
    /// the returned stream disposes it.
    /// </summary>
    /// <exception cref="ArgumentException">The input is a zip archive: list and open its members instead.</exception>
    public static Stream OpenDecompressing(Stream raw, string fileName, DecompressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var pushback = new PushbackStream(raw);
        var codec = CodecDetector.Detect(pushback.Peek(CodecDetector.HeaderBytes), fileName);
        return Open(pushback, codec, fileName, limits);
    }

    /// <summary>Like the detecting overload, for a caller that already knows the codec.</summary>
    /// <exception cref="ArgumentException"><paramref name="codec"/> is <see cref="EventLogCodec.Zip"/>.</exception>
    public static Stream OpenDecompressing(Stream raw, EventLogCodec codec, string fileName, DecompressionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return Open(raw, codec, fileName, limits);
    }

    private static Stream Open(Stream raw, EventLogCodec codec, string fileName, DecompressionLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (!raw.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(raw));
        }

        if (codec == EventLogCodec.Zip)
        {
            throw new ArgumentException($"{fileName} is a zip archive; open its members instead of decompressing it as one stream.", nameof(codec));
        }

        var source = new CountingStream(raw, fileName);
        Stream decoded = codec switch
        {
            EventLogCodec.Plain => source,
            EventLogCodec.Gzip => new GzipDecodingStream(source),
            EventLogCodec.Zstd => new ZstdDecodingStream(source),
            EventLogCodec.Lz4 => new Lz4BlockDecodingStream(source),
            EventLogCodec.Snappy => new XerialSnappyDecodingStream(source),
            EventLogCodec.Lzf => new LzfDecodingStream(source),
            _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown codec."),
        };
        return new LimitingStream(decoded, source, limits ?? DecompressionLimits.Default);
    }
}
