namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Shared plumbing for the block-framed codecs (lz4-java, xerial snappy, LZF): a subclass decodes one
/// block at a time into <see cref="Block"/>, and reads are served from it. Memory stays at one block.
/// </summary>
internal abstract class BlockDecodingStream(CountingStream source) : ReadOnlyDecodingStream
{
    private int _blockOffset;
    private int _blockLength;
    private bool _finished;

    protected CountingStream Source { get; } = source;

    protected string File => Source.File;

    /// <summary>Decoded bytes of the current block; subclasses grow it with <see cref="EnsureBlockCapacity"/>.</summary>
    protected byte[] Block { get; private set; } = [];

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_blockOffset == _blockLength)
        {
            if (_finished)
            {
                return 0;
            }

            _blockOffset = 0;
            _blockLength = 0;
            var length = DecodeNextBlock();
            if (length < 0)
            {
                _finished = true;
                return 0;
            }

            _blockLength = length;
        }

        var n = Math.Min(buffer.Length, _blockLength - _blockOffset);
        Block.AsSpan(_blockOffset, n).CopyTo(buffer);
        _blockOffset += n;
        return n;
    }

    /// <summary>Decodes the next block into <see cref="Block"/>; returns its length (0 allowed), or -1 at the clean end.</summary>
    protected abstract int DecodeNextBlock();

    protected void EnsureBlockCapacity(int length)
    {
        if (Block.Length < length)
        {
            Block = new byte[length];
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Source.Dispose();
        }

        base.Dispose(disposing);
    }
}
