using System.Buffers.Binary;
using K4os.Compression.LZ4;
using K4os.Hash.xxHash;

namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Reads lz4-java's <c>LZ4BlockOutputStream</c> framing, which Spark's lz4 codec writes:
/// each block is the magic <c>LZ4Block</c>, a token (method | level), little-endian compressed length,
/// original length and a 28-bit XXHash32 of the decoded bytes. An empty block ends a stream; Spark may
/// append further streams after it, so reading continues while input remains.
/// </summary>
internal sealed class Lz4BlockDecodingStream(CountingStream source) : BlockDecodingStream(source)
{
    private const int HeaderLength = 21;
    private const int MethodRaw = 0x10;
    private const int MethodLz4 = 0x20;
    private const int LevelBase = 10;
    private const uint ChecksumSeed = 0x9747b28c;
    private const int ChecksumMask = 0x0FFFFFFF;

    private static ReadOnlySpan<byte> Magic => "LZ4Block"u8;

    private readonly byte[] _header = new byte[HeaderLength];
    private readonly XXH32 _hash = new();
    private byte[] _compressed = [];
    private bool _streamEnded;

    protected override int DecodeNextBlock()
    {
        var offset = Source.BytesRead;
        var got = Source.ReadUpTo(_header);
        if (got == 0)
        {
            // An input with no block at all is an empty log; otherwise Spark always closes with an empty block.
            return _streamEnded || offset == 0 ? -1 : throw CodecErrors.Truncated(File, "an lz4 stream (no end block)", offset);
        }

        if (got < HeaderLength)
        {
            throw CodecErrors.Truncated(File, "an lz4 block header", offset);
        }

        if (!_header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw CodecErrors.Corrupt(File, "lz4", "block does not start with the LZ4Block magic", offset);
        }

        var token = _header[8];
        var method = token & 0xF0;
        var maxLength = 1 << (LevelBase + (token & 0x0F));
        var compressedLength = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(9));
        var originalLength = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(13));
        var checksum = BinaryPrimitives.ReadInt32LittleEndian(_header.AsSpan(17));

        // The same sanity rules as lz4-java's LZ4BlockInputStream; they also bound the buffers we allocate.
        if ((method != MethodRaw && method != MethodLz4)
            || originalLength < 0 || originalLength > maxLength
            || compressedLength < 0 || compressedLength > LZ4Codec.MaximumOutputSize(maxLength)
            || (originalLength == 0) != (compressedLength == 0)
            || (method == MethodRaw && originalLength != compressedLength))
        {
            throw CodecErrors.Corrupt(File, "lz4", $"invalid block header (token 0x{token:x2}, lengths {compressedLength}/{originalLength})", offset);
        }

        if (originalLength == 0)
        {
            if (checksum != 0)
            {
                throw CodecErrors.Corrupt(File, "lz4", "end block carries a non-zero checksum", offset);
            }

            _streamEnded = true;
            return 0;
        }

        _streamEnded = false;
        if (_compressed.Length < compressedLength)
        {
            _compressed = new byte[compressedLength];
        }

        Source.ReadExactly(_compressed.AsSpan(0, compressedLength), "an lz4 block", offset);
        EnsureBlockCapacity(originalLength);
        var output = Block.AsSpan(0, originalLength);
        if (method == MethodRaw)
        {
            _compressed.AsSpan(0, compressedLength).CopyTo(output);
        }
        else if (Decode(_compressed.AsSpan(0, compressedLength), output) != originalLength)
        {
            throw CodecErrors.Corrupt(File, "lz4", "block does not decode to its declared length", offset);
        }

        _hash.Reset(ChecksumSeed);
        _hash.Update(output);
        var actual = (int)(_hash.Digest() & ChecksumMask);
        if (actual != checksum)
        {
            throw CodecErrors.Corrupt(File, "lz4", $"block checksum mismatch (expected 0x{checksum:x7}, got 0x{actual:x7})", offset);
        }

        return originalLength;
    }

    private static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        try
        {
            return LZ4Codec.Decode(input, output);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // K4os signals bad input with -1; whatever it might throw on hostile input means the same.
            return -1;
        }
    }
}
