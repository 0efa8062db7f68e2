using System.Buffers.Binary;

namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Reads ning compress-lzf's chunk framing, which Spark's lzf codec writes: each chunk is <c>ZV</c>, a type
/// byte, then either (0) a big-endian uint16 length and stored bytes, or (1) big-endian uint16 compressed
/// and uncompressed lengths and an LZF block. Chunks hold at most 64 KiB, so memory stays tiny.
/// </summary>
internal sealed class LzfDecodingStream(CountingStream source) : BlockDecodingStream(source)
{
    private const byte TypeStored = 0;
    private const byte TypeCompressed = 1;
    private const int MaxChunk = ushort.MaxValue;

    private readonly byte[] _header = new byte[7];
    private readonly byte[] _compressed = new byte[MaxChunk];

    protected override int DecodeNextBlock()
    {
        var offset = Source.BytesRead;
        var got = Source.ReadUpTo(_header.AsSpan(0, 5));
        if (got == 0)
        {
            // LZF has no end marker: ending between chunks is a complete stream.
            return -1;
        }

        if (got < 5)
        {
            throw CodecErrors.Truncated(File, "an lzf chunk header", offset);
        }

        if (_header[0] != (byte)'Z' || _header[1] != (byte)'V')
        {
            throw CodecErrors.Corrupt(File, "lzf", "chunk does not start with ZV", offset);
        }

        var type = _header[2];
        var first = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(3));
        EnsureBlockCapacity(MaxChunk);
        if (type == TypeStored)
        {
            Source.ReadExactly(Block.AsSpan(0, first), "a stored lzf chunk", offset);
            return first;
        }

        if (type != TypeCompressed)
        {
            throw CodecErrors.Corrupt(File, "lzf", $"unknown chunk type {type}", offset);
        }

        Source.ReadExactly(_header.AsSpan(5, 2), "an lzf chunk header", offset);
        var uncompressed = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(5));
        Source.ReadExactly(_compressed.AsSpan(0, first), "a compressed lzf chunk", offset);
        var written = LzfDecoder.Decode(_compressed.AsSpan(0, first), Block.AsSpan(0, uncompressed), out var error);
        if (error is not null)
        {
            throw CodecErrors.Corrupt(File, "lzf", error, offset);
        }

        return written == uncompressed
            ? written
            : throw CodecErrors.Corrupt(File, "lzf", $"chunk decodes to {written} bytes, header says {uncompressed}", offset);
    }
}
