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

    /// <summary>Records a run's full report (analysed in this process); the outcome follows with <see cref="RecordOutcome"/>.</summary>
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

    /// <summary>Records what came of a run: its pull request and prediction (a run analysed in a Job has no report here).</summary>
    public void RecordOutcome(Processing.AppIdentity app, string? pullRequestUrl, PredictedRun? prediction) =>
        Update(Key(app), app.Name, entry =>
        {
            entry.PullRequestUrl = pullRequestUrl ?? entry.PullRequestUrl;
            if (prediction is not null)
            {
                entry.Predictions.Add(prediction);
                if (entry.Predictions.Count > RunsPerApp)
                {
                    entry.Predictions.RemoveAt(0);
                }
            }
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
            return new AppAnnotations(entry.PullRequestUrl, null, []) { Predictions = entry.Predictions.ToArray() };
        }
    }

    private sealed class AppEntry(string name)
    {
        public string Name { get; } = name;

        public List<(CatalogRun Run, RunReport Report)> Runs { get; } = [];

        public List<PredictedRun> Predictions { get; } = [];

        public string? PullRequestUrl { get; set; }
    }
}
