namespace SparkOptimizer.History;

/// <summary>One manifest edit a proposal made: enough to write its revert (<paramref name="From"/> null means the key was added).</summary>
public sealed record ProposalEdit(string Key, string Field, string? From, string To);
