namespace SparkOptimizer.Pricing;

/// <summary>Databricks: DBUs per instance-hour, and the price of a DBU by cloud and SKU (jobs-compute, all-purpose, ...).</summary>
public sealed record DatabricksRates(
    IReadOnlyDictionary<string, decimal> DbuPerHour,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> DbuPrice,
    PriceSource Source)
{
    /// <summary>How many times the classic DBUs a Photon cluster consumes, by SKU (jobs-compute 2.5, all-purpose 2).</summary>
    public IReadOnlyDictionary<string, decimal> PhotonDbuMultiplier { get; init; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    public decimal? PricePerDbu(string cloud, string sku) =>
        DbuPrice.TryGetValue(cloud, out var bySku) && bySku.TryGetValue(sku, out var price) ? price : null;
}
