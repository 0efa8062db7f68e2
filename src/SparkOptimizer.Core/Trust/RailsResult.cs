using SparkOptimizer.Analysis;

namespace SparkOptimizer.Trust;

/// <summary>The changes every rail let through, whether they are low-confidence, and the notes for status.</summary>
public sealed record RailsResult(IReadOnlyList<ConfigChange> Changes, bool LowConfidence, RunFailureClass Failure, IReadOnlyList<string> Notes);
