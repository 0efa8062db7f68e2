using System.IO.Compression;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Codecs;
using ZstdSharp;
using static SparkOptimizer.Tests.Ingest.Codecs.CodecTestData;

namespace SparkOptimizer.Tests.Ingest.Codecs;

public class LimitingStreamTests
{
    private const long BombSize = 200L * 1024 * 1024;

    [Fact]
    public void Read_GzipOfZeros_TripsRatioLimitEarly()
    {
        var bomb = CompressZeros(s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
        using var decoded = CodecStreams.OpenDecompressing(new MemoryStream(bomb), "bomb.gz", new DecompressionLimits(long.MaxValue, 100));

        decoded.Invoking(Drain).Should().Throw<EventLogFormatException>().WithMessage("*bomb.gz*ratio exceeds 100:1*bomb*");
        BytesDecoded(decoded).Should().BeLessThan(16L * 1024 * 1024, "it must stop long before 200 MB");
    }

    [Fact]
    public void Read_ZstdOfZeros_TripsDefaultRatioLimit()
    {
        var bomb = CompressZeros(s => new CompressionStream(s, level: 3, leaveOpen: true));
        using var decoded = CodecStreams.OpenDecompressing(new MemoryStream(bomb), "bomb.zstd");

        decoded.Invoking(Drain).Should().Throw<EventLogFormatException>().WithMessage("*ratio exceeds 1000:1*");
    }

    [Fact]
    public void Read_MoreThanMaxDecompressedBytes_Throws()
    {
        var log = Read(SnappyLog);
        using var decoded = CodecStreams.OpenDecompressing(new MemoryStream(log), "app.snappy", new DecompressionLimits(100_000, 1000));

        decoded.Invoking(Drain).Should().Throw<EventLogFormatException>().WithMessage("*decompressed size exceeds limit of 100000 bytes*");
    }

    [Fact]
    public void Read_RealLogsWithDefaultLimits_DoNotTrip()
    {
        // Event logs compress 10-30:1; the default must leave them alone.
        foreach (var log in new[] { SparkZstdLog, GzipLog, LzfLog })
        {
            Decode(Read(log), FileName(log)).Should().NotBeEmpty();
        }
    }

    private static long Drain(Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static long BytesDecoded(Stream stream) => ((LimitingStream)stream).DecompressedBytes;

    // Streams the zeros through the compressor in 1 MiB pieces: never 200 MB in memory.
    private static byte[] CompressZeros(Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compress = compressor(output))
        {
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < BombSize; written += zeros.Length)
            {
                compress.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
