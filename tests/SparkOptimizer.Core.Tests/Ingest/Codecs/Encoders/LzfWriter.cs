using System.Buffers.Binary;

namespace SparkOptimizer.Tests.Ingest.Codecs.Encoders;

/// <summary>
/// Test-only writer of compress-lzf <c>ZV</c> chunks with a small greedy LZF compressor, so the decoder's
/// back-references (short, long and overlapping) are exercised; the corpus file uses literal runs only.
/// </summary>
internal static class LzfWriter
{
    private const int MaxChunk = 65535;
    private const int MaxDistance = 8192;
    private const int MaxMatch = 7 + 255 + 2;

    public static byte[] Encode(ReadOnlySpan<byte> data, int chunkSize = MaxChunk, bool compress = true)
    {
        using var output = new MemoryStream();
        var buffer = new byte[chunkSize + (chunkSize / 32) + 16];
        var header = new byte[7];
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            var chunk = data.Slice(offset, Math.Min(chunkSize, data.Length - offset));
            var length = compress ? Compress(chunk, buffer) : int.MaxValue;
            header[0] = (byte)'Z';
            header[1] = (byte)'V';
            if (length < chunk.Length)
            {
                header[2] = 1;
                BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(3), (ushort)length);
                BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(5), (ushort)chunk.Length);
                output.Write(header, 0, 7);
                output.Write(buffer.AsSpan(0, length));
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(3), (ushort)chunk.Length);
                output.Write(header, 0, 5);
                output.Write(chunk);
            }
        }

        return output.ToArray();
    }

    /// <summary>Greedy LZF: a hash of three bytes finds the last position with the same prefix.</summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var table = new int[1 << 14];
        Array.Fill(table, -1);
        var op = 0;
        var literalStart = 0;
        var ip = 0;
        while (ip + 2 < input.Length)
        {
            var hash = (int)(((uint)((input[ip] << 16) | (input[ip + 1] << 8) | input[ip + 2]) * 2654435761u) >> 18);
            var candidate = table[hash];
            table[hash] = ip;
            var distance = ip - candidate;
            if (candidate < 0 || distance > MaxDistance || !input.Slice(candidate, 3).SequenceEqual(input.Slice(ip, 3)))
            {
                ip++;
                continue;
            }

            var length = 3;
            var limit = Math.Min(MaxMatch, input.Length - ip);
            while (length < limit && input[candidate + length] == input[ip + length])
            {
                length++;
            }

            op = WriteLiterals(input[literalStart..ip], output, op);
            var code = length - 2;
            var far = distance - 1;
            if (code < 7)
            {
                output[op++] = (byte)((code << 5) | (far >> 8));
            }
            else
            {
                output[op++] = (byte)((7 << 5) | (far >> 8));
                output[op++] = (byte)(code - 7);
            }

            output[op++] = (byte)far;
            ip += length;
            literalStart = ip;
        }

        return WriteLiterals(input[literalStart..], output, op);
    }

    private static int WriteLiterals(ReadOnlySpan<byte> literals, Span<byte> output, int op)
    {
        for (var i = 0; i < literals.Length; i += 32)
        {
            var run = Math.Min(32, literals.Length - i);
            output[op++] = (byte)(run - 1);
            literals.Slice(i, run).CopyTo(output[op..]);
            op += run;
        }

        return op;
    }
}
