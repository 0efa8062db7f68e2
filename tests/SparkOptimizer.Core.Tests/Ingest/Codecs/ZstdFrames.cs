using System.Buffers.Binary;

namespace SparkOptimizer.Tests.Ingest.Codecs;

/// <summary>
/// Test-only walker of the zstd frame layout (RFC 8878): it finds frame boundaries without decoding,
/// so a multi-frame file can be checked frame by frame independently of the streaming decoder.
/// </summary>
internal static class ZstdFrames
{
    public static IReadOnlyList<(int Offset, int Length)> Split(byte[] data)
    {
        var frames = new List<(int, int)>();
        var pos = 0;
        while (pos < data.Length)
        {
            var start = pos;
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos));
            pos += 4;
            if ((magic & 0xFFFFFFF0) == 0x184D2A50)
            {
                pos += 4 + (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(pos));
                continue;
            }

            if (magic != 0xFD2FB528)
            {
                throw new InvalidDataException($"no zstd frame at {start}");
            }

            var descriptor = data[pos++];
            var singleSegment = (descriptor & 0x20) != 0;
            var hasChecksum = (descriptor & 0x04) != 0;
            int[] dictIdSizes = [0, 1, 2, 4];
            int[] contentSizeSizes = [singleSegment ? 1 : 0, 2, 4, 8];
            pos += (singleSegment ? 0 : 1) + dictIdSizes[descriptor & 3] + contentSizeSizes[descriptor >> 6];
            bool last;
            do
            {
                var header = data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16);
                pos += 3;
                last = (header & 1) != 0;
                var type = (header >> 1) & 3;
                var size = header >> 3;
                pos += type == 1 ? 1 : size; // an RLE block stores one byte
            }
            while (!last);

            pos += hasChecksum ? 4 : 0;
            frames.Add((start, pos - start));
        }

        return frames;
    }
}
