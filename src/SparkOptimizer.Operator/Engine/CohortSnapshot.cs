using SparkOptimizer.History;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>A cohort as the ledger holds it before a new run joins: its recent runs (oldest first) and what we proposed for it.</summary>
public sealed record CohortSnapshot(string Key, IReadOnlyList<CohortRun> Runs, IReadOnlyList<ProposalRecord> Proposals)
{
    /// <summary>False when a run history is configured but could not be read: proposals may be missing, so nothing is proposed.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>The proposals as the matcher reads them: fingerprint and target values, oldest first; reverted ones included, since runs may still use them.</summary>
    public IReadOnlyList<ProposedChangeSet> ChangeSets => Proposals.Select(p => new ProposedChangeSet(p.Fingerprint, p.Changes)).ToArray();
}
