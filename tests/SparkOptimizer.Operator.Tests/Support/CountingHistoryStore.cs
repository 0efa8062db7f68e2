using SparkOptimizer.History;

namespace SparkOptimizer.Tests.Support;

/// <summary>A real run-history store that counts how often its cohorts are listed: how often a reader went to the database.</summary>
internal sealed class CountingHistoryStore(IRunHistoryStore inner) : IRunHistoryStore
{
    private int _listings;

    public int Listings => Volatile.Read(ref _listings);

    public Task<IReadOnlyList<string>> ListCohortsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _listings);
        return inner.ListCohortsAsync(cancellationToken);
    }

    public Task<bool> RecordAsync(RunRecord record, CancellationToken cancellationToken = default) => inner.RecordAsync(record, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> GetCohortAsync(string cohort, int limit = HistoryDefaults.CohortLimit, CancellationToken cancellationToken = default) =>
        inner.GetCohortAsync(cohort, limit, cancellationToken);

    public Task<bool> RecordVerificationAsync(RunKey key, Verification verification, CancellationToken cancellationToken = default) =>
        inner.RecordVerificationAsync(key, verification, cancellationToken);

    public Task SaveProposalAsync(ProposalRecord proposal, CancellationToken cancellationToken = default) => inner.SaveProposalAsync(proposal, cancellationToken);

    public Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string cohort, CancellationToken cancellationToken = default) => inner.GetProposalsAsync(cohort, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
