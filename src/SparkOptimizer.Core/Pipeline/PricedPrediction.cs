using SparkOptimizer.Pricing;

namespace SparkOptimizer.Pipeline;

/// <summary>A replayed configuration's cost per run, with the interval its predicted duration gives.</summary>
public sealed record PricedPrediction(Money Cost, Money Low, Money High);
