using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.History;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The dashboard's view of the operator's runs. An app is a cohort, keyed "namespace/cohort" as the run history and
/// <see cref="CohortLedger"/> know it, and a run is one cohort and Spark app id (<see cref="HistoryRun.IdOf"/>), so a run this
/// process analysed and the same run read back from the run history are one. With a store, every cohort's latest runs come from it
/// (<see cref="RunHistoryCache"/>), merged with the runs recorded here: after a restart, and for runs analysed in a Job, the fleet and
/// app views are whole. Memory stays bounded by <see cref="OperatorCatalogLimits"/>: full reports for the latest few runs of the
/// latest apps only, summaries for the rest.
/// </summary>
public sealed class OperatorRunCatalog(IRunHistoryStore? store = null, TimeProvider? time = null, ILogger<OperatorRunCatalog>? logger = null) : IRunCatalog
{
    private readonly RunHistoryCache? _history = store is null ? null : new RunHistoryCache(store, time ?? TimeProvider.System, logger ?? NullLogger<OperatorRunCatalog>.Instance);
    private readonly object _gate = new();
    private readonly Dictionary<string, AppEntry> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunReport> _reports = new(StringComparer.Ordinal);
    private readonly List<string> _appsWithReports = [];

    /// <summary>Records a run's full report (analysed in this process) with its history record, which also lists it once the report is dropped.</summary>
    public void RecordReport(RunRecord record, RunReport report)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            if (Upsert(record) is not { } entry)
            {
                return;
            }

            var id = HistoryRun.IdOf(record.Key);
            _reports[id] = report;
            entry.ReportIds.Remove(id);
            entry.ReportIds.Add(id);
            while (entry.ReportIds.Count > OperatorCatalogLimits.ReportsPerApp)
            {
                _reports.Remove(entry.ReportIds[0]);
                entry.ReportIds.RemoveAt(0);
            }

            _appsWithReports.Remove(record.Cohort);
            _appsWithReports.Add(record.Cohort);
            while (_appsWithReports.Count > OperatorCatalogLimits.AppsWithReports)
            {
                DropReports(_apps[_appsWithReports[0]]);
                _appsWithReports.RemoveAt(0);
            }
        }
    }

    /// <summary>Records a run wherever it was analysed (here or in a Job) from its history record: its summary, and the prediction made for it.</summary>
    public void RecordRun(string appKey, RunRecord? record)
    {
        if (record is not null)
        {
            lock (_gate)
            {
                Upsert(record with { Cohort = appKey });
            }
        }
    }

    /// <summary>Records the app's pull request as the last run left it.</summary>
    public void RecordPullRequest(string appKey, string? pullRequestUrl) => Update(appKey, entry => entry.PullRequestUrl = pullRequestUrl ?? entry.PullRequestUrl);

    /// <summary>Records what a run under a merged proposal says: the merge (first run under it), the prediction error and proven saving so far.</summary>
    public void RecordVerification(string appKey, MergeMarker? merge, double? errorPercent, decimal? verifiedSavingPerRun) =>
        Update(appKey, entry =>
        {
            if (merge is not null && !entry.Merges.Any(m => m.Title == merge.Title))
            {
                // The merged pull request is no longer open.
                if (string.Equals(entry.PullRequestUrl, merge.Url, StringComparison.Ordinal))
                {
                    entry.PullRequestUrl = null;
                }

                entry.Merges.Add(merge);
                if (entry.Merges.Count > OperatorCatalogLimits.RunsPerApp)
                {
                    entry.Merges.RemoveAt(0);
                }
            }

            entry.PredictionErrorPct = errorPercent ?? entry.PredictionErrorPct;
            entry.VerifiedSavingPerRun = verifiedSavingPerRun ?? entry.VerifiedSavingPerRun;
        });

    /// <summary>The background read of the run history under way (completed when none), which a page view starts when its last read is stale.</summary>
    public Task HistoryRead => _history?.Reading ?? Task.CompletedTask;

    public IReadOnlyList<CatalogRun> Runs() => Apps().SelectMany(a => a.Value).Select(r => r.Run).ToArray();

    public RunReport? Report(string runId)
    {
        lock (_gate)
        {
            return _reports.GetValueOrDefault(runId);
        }
    }

    public AppAnnotations Annotations(string appKey)
    {
        var runs = Apps(appKey).GetValueOrDefault(appKey) ?? [];
        var fromHistory = ChangeMerges(runs);
        lock (_gate)
        {
            var entry = _apps.GetValueOrDefault(appKey);
            var merges = (entry?.Merges ?? []).Concat(fromHistory).DistinctBy(m => m.Title).OrderBy(m => m.MergedAt).ToArray();
            var error = entry?.PredictionErrorPct ?? runs.LastOrDefault(r => r.ErrorPercent is not null)?.ErrorPercent;
            return new AppAnnotations(entry?.PullRequestUrl ?? _history?.PendingPullRequest(appKey), error, merges)
            {
                Predictions = runs.Select(r => r.Prediction).OfType<Dashboard.Catalog.PredictedRun>().ToArray(),
                VerifiedSavingPerRun = entry?.VerifiedSavingPerRun,
            };
        }
    }

    /// <summary>Each app's runs, oldest first: the ones recorded here, then the history's that are not, the latest <see cref="OperatorCatalogLimits.RunsPerApp"/> kept.</summary>
    private Dictionary<string, List<HistoryRun>> Apps(string? only = null)
    {
        var stored = _history?.Cohorts() ?? new Dictionary<string, IReadOnlyList<HistoryRun>>();
        var apps = new Dictionary<string, List<HistoryRun>>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var (key, entry) in Select(_apps, only))
            {
                apps[key] = [.. entry.Runs];
            }
        }

        foreach (var (key, runs) in Select(stored, only))
        {
            if (!apps.TryGetValue(key, out var list))
            {
                if (apps.Count >= OperatorCatalogLimits.MaxApps)
                {
                    continue;
                }

                apps[key] = list = [];
            }

            var known = list.Select(r => r.Run.Id).ToHashSet(StringComparer.Ordinal);
            list.AddRange(runs.Where(r => !known.Contains(r.Run.Id)));
        }

        foreach (var list in apps.Values)
        {
            list.Sort(ByStart);
            list.RemoveRange(0, Math.Max(0, list.Count - OperatorCatalogLimits.RunsPerApp));
        }

        return apps;
    }

    private static IEnumerable<KeyValuePair<string, T>> Select<T>(IReadOnlyDictionary<string, T> all, string? only) =>
        only is null ? all : all.TryGetValue(only, out var one) ? [new(only, one)] : [];

    /// <summary>Merges the history shows: the first run under a change, after a run under none or another (a run alone shows no merge).</summary>
    private static IEnumerable<MergeMarker> ChangeMerges(List<HistoryRun> runs) =>
        runs.Zip(runs.Skip(1))
            .Where(pair => pair.Second.ChangeId is { } change && change != pair.First.ChangeId && pair.Second.Run.StartTime is not null)
            .Select(pair => new MergeMarker(pair.Second.Run.StartTime!.Value, $"change {pair.Second.ChangeId} merged"));

    private static int ByStart(HistoryRun a, HistoryRun b)
    {
        var byTime = Nullable.Compare(a.Run.StartTime, b.Run.StartTime);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Run.Id, b.Run.Id);
    }

    // Callers hold _gate.
    private AppEntry? Upsert(RunRecord record)
    {
        if (Entry(record.Cohort) is not { } entry)
        {
            return null;
        }

        var run = HistoryRun.From(record);
        entry.Runs.RemoveAll(r => r.Run.Id == run.Run.Id);
        entry.Runs.Add(run);
        entry.Runs.Sort(ByStart);
        while (entry.Runs.Count > OperatorCatalogLimits.RunsPerApp)
        {
            var dropped = entry.Runs[0].Run.Id;
            entry.Runs.RemoveAt(0);
            entry.ReportIds.Remove(dropped);
            _reports.Remove(dropped);
        }

        return entry;
    }

    private void Update(string appKey, Action<AppEntry> change)
    {
        lock (_gate)
        {
            if (Entry(appKey) is { } entry)
            {
                change(entry);
            }
        }
    }

    // Callers hold _gate. Null when the catalog already tracks as many apps as it may.
    private AppEntry? Entry(string appKey)
    {
        if (_apps.TryGetValue(appKey, out var entry))
        {
            return entry;
        }

        if (_apps.Count >= OperatorCatalogLimits.MaxApps)
        {
            return null;
        }

        return _apps[appKey] = new AppEntry();
    }

    private void DropReports(AppEntry entry)
    {
        foreach (var id in entry.ReportIds)
        {
            _reports.Remove(id);
        }

        entry.ReportIds.Clear();
    }

    private sealed class AppEntry
    {
        /// <summary>Runs recorded here, oldest first.</summary>
        public List<HistoryRun> Runs { get; } = [];

        /// <summary>Runs whose report is kept, least recently recorded first.</summary>
        public List<string> ReportIds { get; } = [];

        public List<MergeMarker> Merges { get; } = [];

        public string? PullRequestUrl { get; set; }

        public double? PredictionErrorPct { get; set; }

        public decimal? VerifiedSavingPerRun { get; set; }
    }
}
