namespace SparkOptimizer.Pricing;

/// <summary>Whether the run suits spot capacity (short stages, retries tolerated, little shuffle to recompute), and what spot would cost.</summary>
public sealed record SpotSuitability(bool Suitable, double Score, IReadOnlyList<string> Reasons, Money? SpotCost, Money? Savings)
{
    /// <summary>The price list (and its date) the spot price came from, when the node has one.</summary>
    public PriceSource? SpotPriceSource { get; init; }
}
