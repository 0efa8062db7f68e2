namespace SparkOptimizer.Recommendation;

/// <summary>An expected improvement with its basis ("from the stage's own task times"; later "simulated").</summary>
public sealed record ImpactEstimate(string Text, double? FractionFaster, long? SavedMs, string Basis);
