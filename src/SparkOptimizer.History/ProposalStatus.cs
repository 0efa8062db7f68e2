namespace SparkOptimizer.History;

/// <summary>Where a proposed change set stands (stored by name, so new states never renumber old rows).</summary>
public enum ProposalStatus
{
    /// <summary>Proposed in a pull request; no run has used it yet.</summary>
    Proposed,

    /// <summary>Runs use it (the pull request was merged), too few yet for a verdict.</summary>
    Applied,

    Verified,

    /// <summary>Enough runs, but the change stayed inside the cohort's noise band.</summary>
    Inconclusive,

    /// <summary>Runs under it are slower beyond the noise band; a revert is due.</summary>
    Regressed,

    /// <summary>A revert pull request was opened for it; it is never proposed again.</summary>
    Reverted,
}
