using SparkOptimizer.Analysis;

namespace SparkOptimizer.Recommendation;

/// <summary>Findings with their recommendations reconciled to the final values, the changes to make, the executor sizing, and notes on what was withheld.</summary>
public sealed record RecommendationResult(IReadOnlyList<Finding> Findings, IReadOnlyList<ConfigChange> Changes, ExecutorSizing Sizing, IReadOnlyList<string> Notes);
