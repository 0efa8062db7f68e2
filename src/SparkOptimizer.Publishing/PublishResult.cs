using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing;

/// <summary>What a publish did, for the operator's status and events.</summary>
public sealed record PublishResult(
    PublishOutcome Outcome,
    string Branch,
    string Fingerprint,
    int? PullRequestNumber = null,
    string? PullRequestUrl = null,
    string? ManifestPath = null,
    string? CommitSha = null,
    IReadOnlyList<AppliedEdit>? Edits = null,
    string? Message = null)
{
    /// <summary>The pull request was merged by the publisher (autoMerge trust level, low-risk change set).</summary>
    public bool Merged { get; init; }

    public string? MergeCommitSha { get; init; }
}
