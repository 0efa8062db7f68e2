namespace SparkOptimizer.Publishing;

/// <summary>One app's latest proposal, as listed in the fleet summary.</summary>
public sealed record ProposalSummary(string App, ProposalState State, string? Fingerprint, int? PullRequestNumber, string? Url, string? Note = null);
