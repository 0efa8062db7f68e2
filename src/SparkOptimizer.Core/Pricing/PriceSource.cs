namespace SparkOptimizer.Pricing;

/// <summary>Where a price came from and when: every priced figure carries one.</summary>
public sealed record PriceSource(string Description, string Date, string? Region, string File)
{
    public override string ToString() => Region is null ? $"{Description} ({Date})" : $"{Description}, {Region} ({Date})";
}
