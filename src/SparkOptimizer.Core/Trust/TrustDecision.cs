namespace SparkOptimizer.Trust;

/// <summary>What the policy allows for one set of changes: the effective level, each action, and the reasons a level was not reached.</summary>
public sealed record TrustDecision(TrustLevel Requested, TrustLevel Effective, bool ShowFindings, bool ShowRecommendations, bool OpenPullRequest, bool AutoMerge, IReadOnlyList<string> Reasons);
