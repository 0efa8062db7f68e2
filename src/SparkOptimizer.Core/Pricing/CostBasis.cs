namespace SparkOptimizer.Pricing;

/// <summary>What a run's cost rests on.</summary>
public enum CostBasis
{
    /// <summary>No money: pricing is off (or failed); the report gives core-hours and executor-hours.</summary>
    Unpriced,

    /// <summary>The node's price from a price book (instance + EMR uplift, Databricks DBUs or Dataproc fee).</summary>
    PriceBook,

    /// <summary>No node price known: core-hours and GiB-hours at OpenCost's custom-pricing rates.</summary>
    OpenCostDefaultRates,
}
