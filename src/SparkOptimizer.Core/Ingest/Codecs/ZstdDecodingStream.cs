using ZstdSharp;

namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// zstd through ZstdSharp. Its DecompressionStream carries on across concatenated frames (Spark 4 writes
/// one frame per flush; a reader that stops after the first loses almost everything), which the tests pin
/// with the 146-frame log Spark 4.1 wrote. This wrapper only turns its exceptions into ours.
/// </summary>
internal sealed class ZstdDecodingStream : ReadOnlyDecodingStream
{
    private readonly CountingStream _source;
    private readonly DecompressionStream _zstd;

    public ZstdDecodingStream(CountingStream source)
    {
        _source = source;
        _zstd = new DecompressionStream(source, bufferSize: 0, checkEndOfStream: true, leaveOpen: true);
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _zstd.Read(buffer);
        }
        catch (EndOfStreamException ex) when (!_source.IsSourceError(ex))
        {
            throw CodecErrors.Truncated(_source.File, "a zstd frame", _source.BytesRead, ex);
        }
        catch (Exception ex) when (ex is not EventLogFormatException and not ObjectDisposedException and not OutOfMemoryException
                                   && !_source.IsSourceError(ex))
        {
            // ZstdException for bad frames and checksums; anything else from the decoder means the same to us.
            throw CodecErrors.Corrupt(_source.File, "zstd", ex.Message, _source.BytesRead, ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _zstd.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }
}
