namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// What a run's cost rests on, for status and /metrics: the basis (priceBook, openCostDefaultRates, unpriced), the node type
/// and where it came from, the capacity type, the region, the price list with its date, and the waste by cause in money.
/// </summary>
public sealed record RunCostDetail(string Basis, string? NodeType, string? NodeTypeSource, string Capacity, string? Region, string? PriceSource)
{
    /// <summary>Waste in money by cause (idle cores, driver-only time, skew tail, unused memory, failed attempts); with <see cref="Useful"/> it adds up to the cost.</summary>
    public IReadOnlyList<WasteAmount> Waste { get; init; } = [];

    public double? Useful { get; init; }

    public string Currency { get; init; } = "USD";
}
