namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Guards against decompression bombs: a few kilobytes of zstd or gzip can expand to gigabytes.
/// Event logs compress well (10-30:1 is typical), so the default ratio leaves ample room for real logs.
/// </summary>
/// <param name="MaxDecompressedBytes">Total decompressed bytes allowed from one file.</param>
/// <param name="MaxRatio">Largest decompressed / compressed ratio allowed, checked once enough output has been produced.</param>
public sealed record DecompressionLimits(long MaxDecompressedBytes, double MaxRatio)
{
    /// <summary>
    /// The ratio is only judged after this much output: the first block of a file legitimately expands a lot
    /// relative to the few bytes read so far.
    /// </summary>
    public const long RatioGraceBytes = 1024 * 1024;

    /// <summary>64 GiB and 1000:1.</summary>
    public static DecompressionLimits Default { get; } = new(64L * 1024 * 1024 * 1024, 1000);

    public long MaxDecompressedBytes { get; init; } = MaxDecompressedBytes > 0
        ? MaxDecompressedBytes
        : throw new ArgumentOutOfRangeException(nameof(MaxDecompressedBytes), MaxDecompressedBytes, "Must be positive.");

    // Written as a negated comparison so NaN is rejected too.
    public double MaxRatio { get; init; } = !(MaxRatio >= 1)
        ? throw new ArgumentOutOfRangeException(nameof(MaxRatio), MaxRatio, "Must be at least 1.")
        : MaxRatio;
}
