namespace SparkOptimizer.Tests.Ingest.Codecs;

/// <summary>
/// A non-seekable source that hands out at most a few bytes per read, like a slow network body,
/// so decoders are tested on headers and blocks split across reads.
/// </summary>
internal sealed class TrickleStream(byte[] data, int maxChunk) : Stream
{
    private int _position;
    private int _reads;

    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Vary the chunk size deterministically so every split point gets hit somewhere.
        var chunk = 1 + (_reads++ * 7919 % maxChunk);
        var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
