namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Stops a decompression bomb early: counts decoded bytes against the absolute cap and against the
/// compressed bytes consumed so far. It sits on top of every decoder, plain files included.
/// </summary>
internal sealed class LimitingStream(Stream decoded, CountingStream compressed, DecompressionLimits limits) : ReadOnlyDecodingStream
{
    /// <summary>Decoded bytes handed out so far.</summary>
    public long DecompressedBytes { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = decoded.Read(buffer);
        DecompressedBytes += n;
        if (DecompressedBytes > limits.MaxDecompressedBytes)
        {
            throw new EventLogFormatException(
                compressed.File, $"decompressed size exceeds limit of {limits.MaxDecompressedBytes} bytes", compressed.BytesRead);
        }

        if (DecompressedBytes > DecompressionLimits.RatioGraceBytes
            && DecompressedBytes > limits.MaxRatio * Math.Max(1, compressed.BytesRead))
        {
            throw new EventLogFormatException(
                compressed.File, $"compression ratio exceeds {limits.MaxRatio}:1, possible decompression bomb", compressed.BytesRead);
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoded.Dispose();
        }

        base.Dispose(disposing);
    }
}
