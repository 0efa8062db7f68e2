namespace SparkOptimizer.Publishing;

/// <summary>Where a proposal stands, for the fleet summary.</summary>
public enum ProposalState
{
    /// <summary>An open pull request.</summary>
    Pending,

    /// <summary>Closed without merging: not proposed again until it changes materially.</summary>
    Ignored,

    /// <summary>Merged; waiting for runs to verify it.</summary>
    Merged,

    /// <summary>Merged, and later runs confirmed the prediction (set by the operator).</summary>
    Verified,

    /// <summary>Merged, and later runs were worse (set by the operator).</summary>
    Regressed,
}
