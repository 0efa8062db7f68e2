using SparkOptimizer.History;

namespace SparkOptimizer.Tests.Support;

/// <summary>A run-history store whose database never answers (a hung connection): reads never finish and ignore cancellation.</summary>
internal sealed class HangingHistoryStore : IRunHistoryStore
{
    private readonly TaskCompletionSource _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _listings;

    /// <summary>Completes when a reader first asked for the cohorts.</summary>
    public Task Listed => _listed.Task;

    public int Listings => Volatile.Read(ref _listings);

    public Task<IReadOnlyList<string>> ListCohortsAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _listings);
        _listed.TrySetResult();
        return new TaskCompletionSource<IReadOnlyList<string>>().Task;
    }

    public Task<bool> RecordAsync(RunRecord record, CancellationToken cancellationToken = default) => new TaskCompletionSource<bool>().Task;

    public Task<IReadOnlyList<RunRecord>> GetCohortAsync(string cohort, int limit = HistoryDefaults.CohortLimit, CancellationToken cancellationToken = default) =>
        new TaskCompletionSource<IReadOnlyList<RunRecord>>().Task;

    public Task<bool> RecordVerificationAsync(RunKey key, Verification verification, CancellationToken cancellationToken = default) => new TaskCompletionSource<bool>().Task;

    public Task SaveProposalAsync(ProposalRecord proposal, CancellationToken cancellationToken = default) => new TaskCompletionSource().Task;

    public Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string cohort, CancellationToken cancellationToken = default) =>
        new TaskCompletionSource<IReadOnlyList<ProposalRecord>>().Task;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
