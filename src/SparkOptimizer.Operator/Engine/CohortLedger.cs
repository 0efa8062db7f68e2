using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.History;
using SparkOptimizer.Simulation.Calibration;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The operator's memory of each cohort (one logical job across Spark app ids): its recent runs, which the trust rails read, and
/// the change sets proposed for it, which verification reads. Written through to the run-history store when one is configured and
/// loaded from it on first use, so a restart or a second replica sees the same cohort; without a store it lives in-process.
/// A store that fails is logged and skipped: the run is still analysed and its status written.
/// </summary>
public sealed class CohortLedger(IRunHistoryStore? store = null, ILogger<CohortLedger>? logger = null)
{
    public const int RunsPerCohort = 50;

    /// <summary>
    /// Recorded runs handed to the calibration: plenty for an Ernest fit and the residual model, and small enough to travel in an
    /// analysis Job's environment (about 150 bytes each; Linux caps one variable at 128 KiB).
    /// </summary>
    public const int CalibrationRuns = 100;

    private readonly ConcurrentDictionary<string, Entry> _cohorts = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<CohortLedger>.Instance;

    public bool Persistent => store is not null;

    /// <summary>The cohort before a new run joins it (loaded from the store the first time the key is seen).</summary>
    public async Task<CohortSnapshot> SnapshotAsync(string key, CancellationToken cancellationToken)
    {
        var entry = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        lock (entry)
        {
            return new CohortSnapshot(key, entry.Runs.ToArray(), entry.Proposals.ToArray()) { Complete = store is null || entry.Loaded };
        }
    }

    /// <summary>
    /// Serialises what follows the analysis for one cohort (verdict, revert, proposal): runs of one cohort may be reconciled in
    /// parallel (several apps in a cohort, a backlog after a restart), and each must see the proposals the previous one left.
    /// </summary>
    public async Task<IDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        var entry = _cohorts.GetOrAdd(key, _ => new Entry());
        await entry.Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(entry.Writer);
    }

    /// <summary>Adds the run (once by id), records it in the store, and returns the cohort as it now stands.</summary>
    public async Task<Cohort> AddRunAsync(string key, CohortRun run, RunRecord? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entry = await LoadAsync(key, cancellationToken).ConfigureAwait(false);
        Cohort cohort;
        lock (entry)
        {
            var merged = Merge(entry.Runs, run);
            entry.Runs.Clear();
            entry.Runs.AddRange(merged);
            cohort = new Cohort(key, merged);
        }

        if (store is not null && record is not null
            && !await TryAsync("record run", async () => { await store.RecordAsync(record with { Cohort = key, Outcome = RunOutcome.From(run) }, cancellationToken).ConfigureAwait(false); }).ConfigureAwait(false))
        {
            Unread(entry);
        }

        return cohort;
    }

    /// <summary>Saves (or updates by fingerprint) a proposal for the cohort.</summary>
    public async Task SaveProposalAsync(ProposalRecord proposal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var entry = await LoadAsync(proposal.Cohort, cancellationToken).ConfigureAwait(false);
        lock (entry)
        {
            var index = entry.Proposals.FindIndex(p => p.Fingerprint == proposal.Fingerprint);
            if (index >= 0)
            {
                entry.Proposals[index] = proposal with { ProposedAt = entry.Proposals[index].ProposedAt };
            }
            else
            {
                entry.Proposals.Add(proposal);
            }
        }

        if (store is not null && !await TryAsync("save proposal", () => store.SaveProposalAsync(proposal, cancellationToken)).ConfigureAwait(false))
        {
            Unread(entry);
        }
    }

    /// <summary>The cohort's recorded runs as the calibration reads them (empty without a store, or when it cannot be read).</summary>
    public async Task<IReadOnlyList<RunHistoryEntry>> HistoryAsync(string key, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return [];
        }

        var records = await TryAsync("load history", () => store.GetCohortAsync(key, CalibrationRuns, cancellationToken)).ConfigureAwait(false);
        return records?.Where(r => r.DurationMs is > 0).Select(r => r.ToHistoryEntry()).ToArray() ?? [];
    }

    /// <summary>Records a run's verification in the store (the status carries it too).</summary>
    public async Task RecordVerificationAsync(RunKey key, History.Verification verification, CancellationToken cancellationToken)
    {
        if (store is not null)
        {
            await TryAsync("record verification", () => store.RecordVerificationAsync(key, verification, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>The runs with <paramref name="run"/> added (replacing one of the same id), oldest first, at most <see cref="RunsPerCohort"/>.</summary>
    public static CohortRun[] Merge(IEnumerable<CohortRun> runs, CohortRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var list = runs.Where(r => r.RunId != run.RunId).Append(run).ToList();
        list.Sort((a, b) => Nullable.Compare(a.Start, b.Start));
        if (list.Count > RunsPerCohort)
        {
            list.RemoveRange(0, list.Count - RunsPerCohort);
        }

        return [.. list];
    }

    private async Task<Entry> LoadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var entry = _cohorts.GetOrAdd(key, _ => new Entry());
        if (entry.Loaded || store is null)
        {
            return entry;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!entry.Loaded)
            {
                var records = await TryAsync("load cohort", () => store.GetCohortAsync(key, RunsPerCohort, cancellationToken)).ConfigureAwait(false);
                var proposals = await TryAsync("load proposals", () => store.GetProposalsAsync(key, cancellationToken)).ConfigureAwait(false);
                if (records is null || proposals is null)
                {
                    // The store is unreachable: go on with what is in memory and load again next time.
                    return entry;
                }

                lock (entry)
                {
                    var known = entry.Runs.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
                    entry.Runs.InsertRange(0, records.Select(r => r.ToCohortRun()).OfType<CohortRun>().Where(r => !known.Contains(r.RunId)));
                    entry.Runs.Sort((a, b) => Nullable.Compare(a.Start, b.Start));
                    var fingerprints = entry.Proposals.Select(p => p.Fingerprint).ToHashSet(StringComparer.Ordinal);
                    entry.Proposals.InsertRange(0, proposals.Where(p => !fingerprints.Contains(p.Fingerprint)));
                }

                entry.Loaded = true;
            }
        }
        finally
        {
            entry.Gate.Release();
        }

        return entry;
    }

    /// <summary>A write the store missed: the cohort counts as unread (nothing proposed) until a reload from the store succeeds.</summary>
    private static void Unread(Entry entry)
    {
        lock (entry)
        {
            entry.Loaded = false;
        }
    }

    private async Task<T?> TryAsync<T>(string what, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Run history store: could not {What}: {Reason}", what, ex.Message);
            return default;
        }
    }

    /// <summary>Runs a write; true when the store took it (whatever it answered), false when it failed.</summary>
    private async Task<bool> TryAsync(string what, Func<Task> action) =>
        await TryAsync<bool>(what, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SemaphoreSlim Writer { get; } = new(1, 1);

        public bool Loaded { get; set; }

        public List<CohortRun> Runs { get; } = [];

        public List<ProposalRecord> Proposals { get; } = [];
    }
}
