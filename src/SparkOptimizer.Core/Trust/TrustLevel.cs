namespace SparkOptimizer.Trust;

/// <summary>How far the operator may act for an app, in increasing order; the default is <see cref="PullRequest"/>.</summary>
public enum TrustLevel
{
    /// <summary>Findings on status only.</summary>
    Observe,

    /// <summary>Findings and recommended changes on status.</summary>
    Recommend,

    /// <summary>A pull request with the changes, for a person to merge.</summary>
    PullRequest,

    /// <summary>The pull request merges itself, for low-risk classes only.</summary>
    AutoMerge,
}
