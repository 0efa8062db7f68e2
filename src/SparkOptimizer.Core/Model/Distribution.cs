namespace SparkOptimizer.Model;

/// <summary>Summary of one task metric over a stage's tasks. Exact when <see cref="Exact"/>, else from a relative-error sketch (1 %).</summary>
public sealed record Distribution(long Count, long Min, long P25, long P50, long P75, long P90, long P95, long P99, long Max, long Sum, bool Exact)
{
    public static Distribution Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);

    public double Mean => Count == 0 ? 0 : Sum / (double)Count;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, Distribution> ZeroCache = new();

    /// <summary>All-zero distribution of <paramref name="count"/> values, shared: most stages have no spill, no input, ...</summary>
    public static Distribution Zeros(long count) =>
        count <= 100_000 ? ZeroCache.GetOrAdd(count, c => new Distribution(c, 0, 0, 0, 0, 0, 0, 0, 0, 0, true)) : new Distribution(count, 0, 0, 0, 0, 0, 0, 0, 0, 0, true);
}
