using SparkOptimizer.Pricing;

namespace SparkOptimizer.Reporting;

/// <summary>
/// Seam for the cost model: the money lines of the report, each with its price source and date. Absent (null on the report)
/// when pricing is off; the writers then show executor-hours and core-hours instead. <see cref="Basis"/> says whether the
/// money rests on the node's price or on OpenCost's default rates (<see cref="CpuRate"/>, <see cref="RamRate"/>).
/// </summary>
public sealed record ReportCost(decimal CurrentPerRun, string Currency, string CurrentShape, string PriceSource, DateOnly PriceDate)
{
    public decimal? RecommendedPerRun { get; init; }

    public string? RecommendedShape { get; init; }

    /// <summary>The recommended configuration's cost interval per run, from the replay's interval on its duration.</summary>
    public decimal? RecommendedLow { get; init; }

    public decimal? RecommendedHigh { get; init; }

    /// <summary>The recommended configuration's predicted duration and interval (null for a node repacking, which keeps the runtime).</summary>
    public long? RecommendedDurationMs { get; init; }

    public long? RecommendedLowMs { get; init; }

    public long? RecommendedHighMs { get; init; }

    /// <summary>The recommended configuration the replay ran: executors, cores each, heap, and the node type (null: today's).</summary>
    public RecommendedShape? RecommendedConfiguration { get; init; }

    /// <summary>A saving is claimed only when the whole predicted cost interval lies below today's cost; null otherwise.</summary>
    public decimal? SavingsPerRun => RecommendedPerRun is { } r && (RecommendedHigh ?? r) < CurrentPerRun ? CurrentPerRun - r : null;

    public CostBasis Basis { get; init; } = CostBasis.PriceBook;

    /// <summary>Per vCPU-hour and per GiB-hour, when the run was priced at OpenCost's default rates.</summary>
    public decimal? CpuRate { get; init; }

    public decimal? RamRate { get; init; }

    /// <summary>"$12.50", or four decimals under a cent ("$0.0042") so that a short run is not shown as $0.00.</summary>
    public string Format(decimal amount)
    {
        var number = Math.Abs(amount) is > 0 and < 0.01m ? amount.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return Currency == "USD" ? $"${number}" : $"{number} {Currency}";
    }

    /// <summary>The amount as the report carries it (text and JSON alike): cents, or four decimals under a cent.</summary>
    public static decimal Round(decimal amount) =>
        Math.Round(amount, Math.Abs(amount) is > 0 and < 0.01m ? 4 : 2, MidpointRounding.AwayFromZero);
}
