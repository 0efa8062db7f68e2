using SparkOptimizer.History;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Engine;

/// <summary>What the runs under a merged proposal say about it: the status to show, the proposal's new state, and whether a revert is due.</summary>
public sealed record VerificationOutcome(VerificationResult Result, ProposalRecord Proposal, ProposalStatus NewStatus, bool RevertDue)
{
    /// <summary>Runs under the change are too few for a verdict: new proposals wait, so the verdict is not confounded.</summary>
    public bool AwaitingVerdict => NewStatus == ProposalStatus.Applied;

    /// <summary>
    /// Runs under a reverted change, after the revert was opened, after which the revert counts as declined (its pull request closed unmerged: the team kept the
    /// change) and new proposals resume.
    /// </summary>
    public const int RevertHoldRuns = 8;

    /// <summary>No new proposal while the merged change awaits its verdict or its revert is pending.</summary>
    public bool HoldsNewProposals => NewStatus is ProposalStatus.Applied or ProposalStatus.Regressed
        || (NewStatus == ProposalStatus.Reverted && RunsSinceRevert < RevertHoldRuns);

    /// <summary>Runs under the change that started after its revert was opened.</summary>
    public int RunsSinceRevert { get; init; }
}
