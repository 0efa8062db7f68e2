namespace SparkOptimizer.Analysis;

/// <summary>What to do about a finding: a configuration change, or a code hint where conf cannot help.</summary>
public sealed record Recommendation(RecommendationKind Kind, string Text, ConfigChange? Change = null, string? ExpectedImprovement = null);
