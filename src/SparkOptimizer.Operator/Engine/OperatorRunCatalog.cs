using System.Collections.Concurrent;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The dashboard's view of the runs this operator analysed: the latest reports per app (bounded), with the pull request
/// and the predictions the operator made. Memory stays bounded: at most <see cref="RunsPerApp"/> reports per app and
/// <see cref="MaxApps"/> apps; the run history proper lives in the run-history store.
/// </summary>
public sealed class OperatorRunCatalog : IRunCatalog
{
    public const int RunsPerApp = 10;
    public const int MaxApps = 500;

    private readonly ConcurrentDictionary<string, AppEntry> _apps = new(StringComparer.Ordinal);

    /// <summary>Records a run's full report (analysed in this process); the pull request follows with <see cref="RecordPullRequest"/>.</summary>
    public void RecordReport(Processing.AppIdentity app, string runId, RunReport report) =>
        Update(Key(app), app.Name, entry =>
        {
            entry.Runs.RemoveAll(r => r.Run.Id == runId);
            entry.Runs.Add((new CatalogRun(runId, Key(app), app.Name, report.Run.Application.StartTime), report));
            if (entry.Runs.Count > RunsPerApp)
            {
                entry.Runs.RemoveAt(0);
            }
        });

    /// <summary>Records the app's pull request as the last run left it (a run analysed in a Job has no report here).</summary>
    public void RecordPullRequest(Processing.AppIdentity app, string? pullRequestUrl) =>
        Update(Key(app), app.Name, entry => entry.PullRequestUrl = pullRequestUrl ?? entry.PullRequestUrl);

    /// <summary>
    /// Records what a run under a merged proposal says: the merge (first run under it), the prediction made for this run, and the
    /// prediction error and proven saving so far.
    /// </summary>
    public void RecordVerification(Processing.AppIdentity app, MergeMarker? merge, PredictedRun? predicted, double? errorPercent, decimal? verifiedSavingPerRun) =>
        Update(Key(app), app.Name, entry =>
        {
            if (merge is not null && !entry.Merges.Any(m => m.Title == merge.Title))
            {
                entry.Merges.Add(merge);
                if (entry.Merges.Count > RunsPerApp)
                {
                    entry.Merges.RemoveAt(0);
                }
            }

            if (predicted is not null)
            {
                entry.Predictions.RemoveAll(p => p.RunId == predicted.RunId);
                entry.Predictions.Add(predicted);
                if (entry.Predictions.Count > RunsPerApp)
                {
                    entry.Predictions.RemoveAt(0);
                }
            }

            entry.PredictionErrorPct = errorPercent ?? entry.PredictionErrorPct;
            entry.VerifiedSavingPerRun = verifiedSavingPerRun ?? entry.VerifiedSavingPerRun;
        });

    public static string Key(Processing.AppIdentity app) => $"{app.Kind}/{app.Namespace}/{app.Name}";

    private void Update(string appKey, string appName, Action<AppEntry> change)
    {
        if (!_apps.ContainsKey(appKey) && _apps.Count >= MaxApps)
        {
            return;
        }

        var entry = _apps.GetOrAdd(appKey, _ => new AppEntry(appName));
        lock (entry)
        {
            change(entry);
        }
    }

    public IReadOnlyList<CatalogRun> Runs() =>
        _apps.Values.SelectMany(e =>
        {
            lock (e)
            {
                return e.Runs.Select(r => r.Run).ToArray();
            }
        }).ToArray();

    public RunReport? Report(string runId)
    {
        foreach (var entry in _apps.Values)
        {
            lock (entry)
            {
                var match = entry.Runs.FirstOrDefault(r => r.Run.Id == runId);
                if (match.Report is not null)
                {
                    return match.Report;
                }
            }
        }

        return null;
    }

    public AppAnnotations Annotations(string appKey)
    {
        if (!_apps.TryGetValue(appKey, out var entry))
        {
            return AppAnnotations.None;
        }

        lock (entry)
        {
            return new AppAnnotations(entry.PullRequestUrl, entry.PredictionErrorPct, entry.Merges.ToArray())
            {
                Predictions = entry.Predictions.ToArray(),
                VerifiedSavingPerRun = entry.VerifiedSavingPerRun,
            };
        }
    }

    private sealed class AppEntry(string name)
    {
        public string Name { get; } = name;

        public List<(CatalogRun Run, RunReport Report)> Runs { get; } = [];

        public List<PredictedRun> Predictions { get; } = [];

        public List<MergeMarker> Merges { get; } = [];

        public string? PullRequestUrl { get; set; }

        public double? PredictionErrorPct { get; set; }

        public decimal? VerifiedSavingPerRun { get; set; }
    }
}
