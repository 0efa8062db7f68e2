namespace SparkOptimizer.Pricing;

/// <summary>Databricks: DBUs per instance-hour, and the price of a DBU by cloud and SKU (jobs-compute, all-purpose, ...).</summary>
public sealed record DatabricksRates(
    IReadOnlyDictionary<string, decimal> DbuPerHour,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> DbuPrice,
    PriceSource Source)
{
    public decimal? PricePerDbu(string cloud, string sku) =>
        DbuPrice.TryGetValue(cloud, out var bySku) && bySku.TryGetValue(sku, out var price) ? price : null;
}
