using System.Numerics;
using System.Buffers.Binary;
using K4os.Compression.LZ4;
using K4os.Hash.xxHash;

namespace SparkOptimizer.Tests.Ingest.Codecs.Encoders;

/// <summary>Test-only writer of lz4-java's LZ4BlockOutputStream framing, to build inputs the corpus lacks.</summary>
internal static class Lz4BlockWriter
{
    private const int MethodRaw = 0x10;
    private const int MethodLz4 = 0x20;

    /// <summary>Encodes <paramref name="data"/> in blocks of <paramref name="blockSize"/> (a power of two, at least 1 KiB).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> data, int blockSize = 32 * 1024, bool writeEndBlock = true)
    {
        var level = BitOperations.Log2((uint)blockSize) - 10;
        using var output = new MemoryStream();
        var compressed = new byte[LZ4Codec.MaximumOutputSize(blockSize)];
        for (var offset = 0; offset < data.Length; offset += blockSize)
        {
            var block = data.Slice(offset, Math.Min(blockSize, data.Length - offset));
            var length = LZ4Codec.Encode(block, compressed);
            // Like lz4-java: store the block raw when compression does not help.
            var raw = length <= 0 || length >= block.Length;
            WriteHeader(output, (raw ? MethodRaw : MethodLz4) | level, raw ? block.Length : length, block.Length, Checksum(block));
            output.Write(raw ? block : compressed.AsSpan(0, length));
        }

        if (writeEndBlock)
        {
            WriteHeader(output, MethodRaw | level, 0, 0, 0);
        }

        return output.ToArray();
    }

    private static int Checksum(ReadOnlySpan<byte> block)
    {
        var hash = new XXH32(0x9747b28c);
        hash.Update(block);
        return (int)(hash.Digest() & 0x0FFFFFFF);
    }

    private static void WriteHeader(Stream output, int token, int compressedLength, int originalLength, int checksum)
    {
        Span<byte> header = stackalloc byte[21];
        "LZ4Block"u8.CopyTo(header);
        header[8] = (byte)token;
        BinaryPrimitives.WriteInt32LittleEndian(header[9..], compressedLength);
        BinaryPrimitives.WriteInt32LittleEndian(header[13..], originalLength);
        BinaryPrimitives.WriteInt32LittleEndian(header[17..], checksum);
        output.Write(header);
    }
}
