using SparkOptimizer.History;

namespace SparkOptimizer.Mcp.RunHistory;

/// <summary>
/// The tools' view of a run-history store: only its reads, so no tool can record, verify or propose. The store belongs to
/// whoever opened it (the CLI command, the operator's container) and is closed there.
/// </summary>
/// <param name="description">What the history is, in a phrase for the assistant, e.g. "the run history /data/history.db (cohort = app name without its timestamp)".</param>
public sealed class RunHistoryReader(IRunHistoryStore store, string description)
{
    public string Description => description;

    public Task<IReadOnlyList<string>> ListCohortsAsync(CancellationToken cancellationToken) => store.ListCohortsAsync(cancellationToken);

    public Task<IReadOnlyList<RunRecord>> GetCohortAsync(string cohort, int limit, CancellationToken cancellationToken) =>
        store.GetCohortAsync(cohort, limit, cancellationToken);

    public Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string cohort, CancellationToken cancellationToken) =>
        store.GetProposalsAsync(cohort, cancellationToken);
}
