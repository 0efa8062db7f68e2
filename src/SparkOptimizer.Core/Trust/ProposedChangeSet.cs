namespace SparkOptimizer.Trust;

/// <summary>A change set we proposed for a cohort, by fingerprint, with its target Spark values (key to new value).</summary>
public sealed record ProposedChangeSet(string Fingerprint, IReadOnlyDictionary<string, string> Values);
