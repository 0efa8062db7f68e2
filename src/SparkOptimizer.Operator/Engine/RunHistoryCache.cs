using Microsoft.Extensions.Logging;
using SparkOptimizer.History;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The dashboard's read of the run history: every cohort's latest runs, read in one pass and served from memory until
/// <see cref="OperatorCatalogLimits.HistoryRefresh"/> has passed (by the <see cref="TimeProvider"/>). The dashboard's catalog is
/// synchronous and the store asynchronous: a stale read is served while a background read replaces it, so a page view never waits
/// on the database, except the very first, which waits up to <see cref="OperatorCatalogLimits.FirstHistoryLoadWait"/>. Nothing is
/// read while no one looks at the dashboard. A store that fails is logged; the last read (or nothing) is served until the next try.
/// </summary>
public sealed class RunHistoryCache(IRunHistoryStore store, TimeProvider time, ILogger logger)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<HistoryRun>> Nothing = new Dictionary<string, IReadOnlyList<HistoryRun>>();
    private static readonly IReadOnlyDictionary<string, string> NoPullRequests = new Dictionary<string, string>();

    private readonly object _gate = new();
    private Snapshot? _current;
    private Task _reading = Task.CompletedTask;
    private int _waitedOnce;

    /// <summary>Each cohort's latest runs, oldest first; starts a background read when the last one is stale.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HistoryRun>> Cohorts()
    {
        var current = Volatile.Read(ref _current);
        if (current is null)
        {
            // The first page view after a start: better one short wait than an empty fleet, but only once per process; a
            // store that is slow or down afterwards costs no page view anything. The read catches its own failures.
            var reading = RefreshAsync();
            if (Interlocked.Exchange(ref _waitedOnce, 1) == 0)
            {
                reading.Wait(OperatorCatalogLimits.FirstHistoryLoadWait);
            }

            return Volatile.Read(ref _current)?.Cohorts ?? Nothing;
        }

        if (time.GetUtcNow() - current.ReadAt >= OperatorCatalogLimits.HistoryRefresh)
        {
            _ = RefreshAsync();
        }

        return current.Cohorts;
    }

    /// <summary>The pull request of the cohort's latest proposal not yet seen in a run (a merge shows as a run under it); null when none.</summary>
    public string? PendingPullRequest(string cohort) =>
        Volatile.Read(ref _current)?.PullRequests.GetValueOrDefault(cohort);

    /// <summary>The read under way, or the last one (completed).</summary>
    public Task Reading
    {
        get
        {
            lock (_gate)
            {
                return _reading;
            }
        }
    }

    /// <summary>Reads the history again, or joins the read under way.</summary>
    public Task RefreshAsync()
    {
        lock (_gate)
        {
            if (_reading.IsCompleted)
            {
                _reading = Task.Run(ReadAsync);
            }

            return _reading;
        }
    }

    private async Task ReadAsync()
    {
        var startedAt = time.GetUtcNow();
        using var timeout = new CancellationTokenSource(OperatorCatalogLimits.HistoryReadTimeout, time);
        var cancel = timeout.Token;
        try
        {
            var names = await store.ListCohortsAsync(cancel).WaitAsync(cancel).ConfigureAwait(false);
            var cohorts = new Dictionary<string, IReadOnlyList<HistoryRun>>(StringComparer.Ordinal);
            var pullRequests = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in names.Take(OperatorCatalogLimits.MaxApps))
            {
                var records = await store.GetCohortAsync(name, OperatorCatalogLimits.RunsPerApp, cancel).WaitAsync(cancel).ConfigureAwait(false);
                cohorts[name] = records.Select(HistoryRun.From).ToArray();
                var proposals = await store.GetProposalsAsync(name, cancel).WaitAsync(cancel).ConfigureAwait(false);
                if (proposals.LastOrDefault(p => p.Status == ProposalStatus.Proposed && p.PullRequestUrl is not null) is { } open)
                {
                    pullRequests[name] = open.PullRequestUrl!;
                }
            }

            Volatile.Write(ref _current, new Snapshot(startedAt, cohorts, pullRequests));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The dashboard is a view: a store that is down or hung must not take it (or the operator) with it; try again after the interval.
            var reason = ex is OperationCanceledException ? $"no answer within {OperatorCatalogLimits.HistoryReadTimeout.TotalSeconds:0} s" : ex.Message;
            logger.LogWarning("The dashboard could not read the run history: {Reason}", reason);
            var last = Volatile.Read(ref _current);
            Volatile.Write(ref _current, new Snapshot(startedAt, last?.Cohorts ?? Nothing, last?.PullRequests ?? NoPullRequests));
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyDictionary<string, IReadOnlyList<HistoryRun>> Cohorts, IReadOnlyDictionary<string, string> PullRequests);
}
