using System.IO.Compression;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Tests.Ingest.Codecs.Encoders;
using ZstdSharp;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

/// <summary>Decoders stream: reading a large log allocates block buffers, never the whole output.</summary>
public class BoundedMemoryTests
{
    private const int Repeats = 60; // about 10 MB of JSON lines

    public static TheoryData<string> Codecs => new() { "zstd", "gz", "lz4", "snappy", "lzf", "plain" };

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Read_LargeLog_AllocatesFarLessThanItsSize(string codec)
    {
        var plain = Repeat(Read(SnappyOriginal), Repeats);
        var encoded = Encode(plain, codec);
        var buffer = new byte[64 * 1024];
        long total = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var decoded = CodecStreams.OpenDecompressing(new MemoryStream(encoded), "big." + codec))
        {
            int n;
            while ((n = decoded.Read(buffer)) > 0)
            {
                total += n;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        total.Should().Be(plain.Length);
        allocated.Should().BeLessThan(1024 * 1024, $"{codec} must not hold the {plain.Length} decoded bytes");
    }

    private static byte[] Repeat(byte[] log, int times)
    {
        var all = new byte[log.Length * times];
        for (var i = 0; i < times; i++)
        {
            log.CopyTo(all, i * log.Length);
        }

        return all;
    }

    private static byte[] Encode(byte[] plain, string codec)
    {
        switch (codec)
        {
            case "lz4":
                return Lz4BlockWriter.Encode(plain);
            case "snappy":
                return XerialSnappyWriter.Encode(plain);
            case "lzf":
                return LzfWriter.Encode(plain);
            case "plain":
                return plain;
        }

        using var output = new MemoryStream();
        using (Stream compress = codec == "zstd"
                   ? new CompressionStream(output, level: 1, leaveOpen: true)
                   : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            compress.Write(plain);
        }

        return output.ToArray();
    }
}
