using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest.Codecs;

/// <summary>Reads corpus files and runs bytes through <see cref="CodecStreams"/> the way a caller would.</summary>
internal static class CodecTestData
{
    public const string Lz4Log = "reencoded/application_1603128018386_7756.lz4";
    public const string Lz4Original = "spark-rapids-tools/spark-events-profiling/rp_nosql_eventlog";
    public const string SnappyLog = "reencoded/local-1621955976602.snappy";
    public const string SnappyOriginal = "spark-rapids-tools/spark-events-profiling/dataset_eventlog";
    public const string LzfLog = "reencoded/local-1619631016646.lzf";
    public const string LzfOriginal = "spark-rapids-tools/spark-events-profiling/eventlog_minimal_events";
    public const string SparkZstdLog = "mcp-apache-spark-history-server/e2e-spark-events/local-1776286786993.zstd";
    public const string ChecksummedZstdLog = "spark-rapids-tools/spark-events-profiling/eventlog_dsv1.zstd";
    public const string GzipLog = "spark_log_parser/databricks.json.gz";
    public const string SmallPlainLog = "sparklens/local-1532512550423";

    public static byte[] Read(string corpusPath) => File.ReadAllBytes(Corpus.Path(corpusPath));

    /// <summary>Decodes through the detecting entry point, from a non-seekable stream that returns short reads.</summary>
    public static byte[] Decode(byte[] input, string fileName, DecompressionLimits? limits = null, int maxChunk = 4096)
    {
        using var decoded = CodecStreams.OpenDecompressing(new TrickleStream(input, maxChunk), fileName, limits);
        using var output = new MemoryStream();
        decoded.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] WithFlippedByte(byte[] input, int index, byte mask = 0x55)
    {
        var copy = (byte[])input.Clone();
        copy[index] ^= mask;
        return copy;
    }

    public static string FileName(string corpusPath) => Path.GetFileName(corpusPath);
}
