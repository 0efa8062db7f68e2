namespace SparkOptimizer.History;

/// <summary>
/// Every analysed run, kept for the calibration and the dashboard. Writes are idempotent by (cohort, app id, attempt):
/// the first record of a run wins, so a restart or a second replica never doubles or rewrites it.
/// </summary>
public interface IRunHistoryStore : IAsyncDisposable
{
    /// <summary>Records a run; returns false when the run was already there (nothing changes then).</summary>
    Task<bool> RecordAsync(RunRecord record, CancellationToken cancellationToken = default);

    /// <summary>The latest <paramref name="limit"/> runs of a cohort, returned oldest first (ordered by start, then app id).</summary>
    Task<IReadOnlyList<RunRecord>> GetCohortAsync(string cohort, int limit = HistoryDefaults.CohortLimit, CancellationToken cancellationToken = default);

    /// <summary>Every cohort with at least one run, in name order.</summary>
    Task<IReadOnlyList<string>> ListCohortsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a run's verification; returns false when the run is not in the history.</summary>
    Task<bool> RecordVerificationAsync(RunKey key, Verification verification, CancellationToken cancellationToken = default);

    /// <summary>Saves a proposal, replacing the one with the same (cohort, fingerprint) but keeping when it was first proposed.</summary>
    Task SaveProposalAsync(ProposalRecord proposal, CancellationToken cancellationToken = default);

    /// <summary>A cohort's proposals, oldest first.</summary>
    Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string cohort, CancellationToken cancellationToken = default);
}
