namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Base for the forward-only, read-only streams of this folder: decoders only ever read front to back,
/// so everything else is refused rather than half supported.
/// </summary>
internal abstract class ReadOnlyDecodingStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("Decompressed length is unknown until the end.");

    public override long Position
    {
        get => throw new NotSupportedException("Decoding streams are forward-only.");
        set => throw new NotSupportedException("Decoding streams are forward-only.");
    }

    public abstract override int Read(Span<byte> buffer);

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    // The decoders and the libraries under them are synchronous, source reads included. Completing
    // synchronously is honest about that and skips the thread hop of Stream's BeginRead-based default;
    // a caller on a slow network source should buffer it (or read on its own thread).
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Stream's default allocates a one-byte array per call; a line parser may call this a lot.
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("Decoding streams are forward-only.");

    public override void SetLength(long value) => throw new NotSupportedException("Decoding streams are read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Decoding streams are read-only.");
}
