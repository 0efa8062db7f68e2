using System.Buffers.Binary;
using Snappier;

namespace SparkOptimizer.Tests.Ingest.Codecs.Encoders;

/// <summary>Test-only writer of xerial snappy-java's SnappyOutputStream framing.</summary>
internal static class XerialSnappyWriter
{
    public static byte[] Encode(ReadOnlySpan<byte> data, int blockSize = 32 * 1024)
    {
        using var output = new MemoryStream();
        output.Write([0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0x00]);
        WriteInt32(output, 1);
        WriteInt32(output, 1);
        for (var offset = 0; offset < data.Length; offset += blockSize)
        {
            var compressed = Snappy.CompressToArray(data.Slice(offset, Math.Min(blockSize, data.Length - offset)));
            WriteInt32(output, compressed.Length);
            output.Write(compressed);
        }

        return output.ToArray();
    }

    private static void WriteInt32(Stream output, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        output.Write(bytes);
    }
}
