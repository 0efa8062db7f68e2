using System.Buffers.Binary;
using Snappier;

namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Reads xerial snappy-java's <c>SnappyOutputStream</c> framing, which Spark's snappy codec writes:
/// a 16-byte header (magic <c>\x82SNAPPY\0</c>, version, compatible version, big-endian), then
/// [big-endian int32 length][raw snappy block] repeated. Streams may be concatenated, so the header
/// may reappear where a length is expected (a length never starts with 0x82: it would be negative).
/// </summary>
internal sealed class XerialSnappyDecodingStream(CountingStream source) : BlockDecodingStream(source)
{
    // Spark writes 32 KiB blocks; the cap only stops a corrupt length from allocating gigabytes.
    internal const int MaxBlockBytes = 64 * 1024 * 1024;
    private const int HeaderLength = 16;

    private static ReadOnlySpan<byte> Magic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0x00];

    private readonly byte[] _lengthBytes = new byte[4];
    private byte[] _compressed = [];

    protected override int DecodeNextBlock()
    {
        while (true)
        {
            var offset = Source.BytesRead;
            var got = Source.ReadUpTo(_lengthBytes);
            if (got == 0)
            {
                // Xerial framing has no end marker: ending between blocks is a complete stream.
                return -1;
            }

            if (got < _lengthBytes.Length)
            {
                throw CodecErrors.Truncated(File, "a snappy block length", offset);
            }

            if (_lengthBytes.AsSpan().SequenceEqual(Magic[..4]))
            {
                ReadRestOfHeader(offset);
                continue;
            }

            if (offset == 0)
            {
                throw CodecErrors.Corrupt(File, "snappy", "missing the \\x82SNAPPY header", offset);
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(_lengthBytes);
            if (length < 0 || length > MaxBlockBytes)
            {
                throw CodecErrors.Corrupt(File, "snappy", $"invalid block length {length}", offset);
            }

            if (length == 0)
            {
                continue;
            }

            if (_compressed.Length < length)
            {
                _compressed = new byte[length];
            }

            Source.ReadExactly(_compressed.AsSpan(0, length), "a snappy block", offset);
            return Decode(_compressed.AsSpan(0, length), offset);
        }
    }

    private void ReadRestOfHeader(long offset)
    {
        Span<byte> rest = stackalloc byte[HeaderLength - 4];
        Source.ReadExactly(rest, "a snappy stream header", offset);
        if (!rest[..4].SequenceEqual(Magic[4..]))
        {
            throw CodecErrors.Corrupt(File, "snappy", "malformed \\x82SNAPPY header", offset);
        }
    }

    private int Decode(ReadOnlySpan<byte> compressed, long offset)
    {
        try
        {
            var length = Snappy.GetUncompressedLength(compressed);
            if (length < 0 || length > MaxBlockBytes)
            {
                throw CodecErrors.Corrupt(File, "snappy", $"block declares {length} decompressed bytes", offset);
            }

            EnsureBlockCapacity(length);
            var written = Snappy.Decompress(compressed, Block.AsSpan(0, length));
            return written == length
                ? length
                : throw CodecErrors.Corrupt(File, "snappy", "block does not decode to its declared length", offset);
        }
        catch (Exception ex) when (ex is not EventLogFormatException and not OutOfMemoryException)
        {
            // Snappier reports bad input with several exception types; to the caller they all mean corrupt data.
            throw CodecErrors.Corrupt(File, "snappy", ex.Message, offset, ex);
        }
    }
}
