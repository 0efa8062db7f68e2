namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Picks the codec of an event log. Magic bytes win over the file name, because files get renamed
/// (History Server downloads, copies into buckets); the extension only decides when the header is too
/// short to tell, e.g. an empty or nearly empty in-progress file.
/// </summary>
public static class CodecDetector
{
    /// <summary>How many leading bytes <see cref="Detect"/> wants to see.</summary>
    public const int HeaderBytes = 8;

    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private static readonly byte[] Lz4BlockMagic = "LZ4Block"u8.ToArray();
    private static readonly byte[] SnappyMagic = [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0x00];
    private static readonly byte[] LzfMagic = "ZV"u8.ToArray();
    private static readonly byte[] ZipMagic = [(byte)'P', (byte)'K', 0x03, 0x04];
    private static readonly byte[] EmptyZipMagic = [(byte)'P', (byte)'K', 0x05, 0x06];

    private static readonly (byte[] Magic, EventLogCodec Codec)[] Magics =
    [
        (ZstdMagic, EventLogCodec.Zstd),
        (GzipMagic, EventLogCodec.Gzip),
        (Lz4BlockMagic, EventLogCodec.Lz4),
        (SnappyMagic, EventLogCodec.Snappy),
        (LzfMagic, EventLogCodec.Lzf),
        (ZipMagic, EventLogCodec.Zip),
        (EmptyZipMagic, EventLogCodec.Zip),
    ];

    /// <summary>Detects the codec from the first bytes of the file, falling back to its name.</summary>
    /// <param name="header">The first <see cref="HeaderBytes"/> bytes, or fewer when the file is shorter.</param>
    /// <param name="fileName">File name or path; only its extension is used.</param>
    public static EventLogCodec Detect(ReadOnlySpan<byte> header, string fileName)
    {
        foreach (var (magic, codec) in Magics)
        {
            if (header.StartsWith(magic) && !IsTextStartingWithZV(header, codec))
            {
                return codec;
            }
        }

        if (IsZstdSkippableFrame(header))
        {
            return EventLogCodec.Zstd;
        }

        // A header that is only the start of some magic (or nothing at all) cannot rule that codec out.
        return IsInconclusive(header) ? FromExtension(fileName) : EventLogCodec.Plain;
    }

    /// <summary>The codec Spark's naming implies (<c>app.lz4</c>, <c>app.zstd.inprogress</c>); Plain when none.</summary>
    public static EventLogCodec FromExtension(string fileName)
    {
        var name = Path.GetFileName(fileName ?? string.Empty);
        if (name.EndsWith(".inprogress", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^".inprogress".Length];
        }

        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".zstd" or ".zst" => EventLogCodec.Zstd,
            ".lz4" => EventLogCodec.Lz4,
            ".snappy" => EventLogCodec.Snappy,
            ".lzf" => EventLogCodec.Lzf,
            ".gz" or ".gzip" => EventLogCodec.Gzip,
            ".zip" => EventLogCodec.Zip,
            _ => EventLogCodec.Plain,
        };
    }

    // "ZV" is printable text; an LZF chunk also needs its type byte (0 stored, 1 compressed) next.
    private static bool IsTextStartingWithZV(ReadOnlySpan<byte> header, EventLogCodec codec) =>
        codec == EventLogCodec.Lzf && header.Length > 2 && header[2] > 1;

    // Skippable frames (0x184D2A50..5F little-endian) may precede the first real zstd frame.
    private static bool IsZstdSkippableFrame(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && (header[0] & 0xF0) == 0x50 && header[1] == 0x2A && header[2] == 0x4D && header[3] == 0x18;

    private static bool IsInconclusive(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return true;
        }

        if (header.Length >= HeaderBytes)
        {
            return false;
        }

        foreach (var (magic, _) in Magics)
        {
            if (header.Length < magic.Length && magic.AsSpan().StartsWith(header))
            {
                return true;
            }
        }

        ReadOnlySpan<byte> skippable = [header[0], 0x2A, 0x4D, 0x18];
        return (header[0] & 0xF0) == 0x50 && header.Length < skippable.Length && skippable.StartsWith(header);
    }
}
