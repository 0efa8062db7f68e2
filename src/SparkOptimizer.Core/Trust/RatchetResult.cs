using SparkOptimizer.Analysis;

namespace SparkOptimizer.Trust;

/// <summary>The changes as the memory ratchet lets them through, whether they are low-confidence, and what it did and why.</summary>
public sealed record RatchetResult(IReadOnlyList<ConfigChange> Changes, bool LowConfidence, long CurrentMemoryBytes, long ProposedMemoryBytes, long FloorBytes, IReadOnlyList<string> Notes);
