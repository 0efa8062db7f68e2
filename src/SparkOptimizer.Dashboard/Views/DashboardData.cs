using System.Runtime.CompilerServices;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>
/// Builds the views from a catalog. A run is listed from its report when the catalog holds one and from its precomputed
/// summary otherwise. Derived data (cost, run views) is cached per report instance, so a catalog that re-analyses a run
/// gets fresh views and an unchanged one is not recomputed.
/// </summary>
public sealed class DashboardData(IRunCatalog catalog, DashboardOptions options)
{
    private readonly ConditionalWeakTable<RunReport, CostReport> _costs = new();
    private readonly ConditionalWeakTable<RunReport, RunView> _views = new();

    public IRunCatalog Catalog { get; } = catalog;

    public DashboardOptions Options { get; } = options;

    public FleetView Fleet()
    {
        var byApp = Summaries().GroupBy(s => s.AppKey, StringComparer.Ordinal).ToList();
        var rows = byApp.Select(g =>
        {
            var runs = g.OrderBy(r => r.StartTime).ToList();
            var last = runs[^1];
            double? trend = runs.Count >= 2 && runs[^2].Cost is > 0 and var prev && last.Cost is { } now ? (double)((now - prev) * 100 / prev) : null;
            var notes = Catalog.Annotations(g.Key);
            return new FleetRow(g.Key, last.AppName, runs.Count, last, trend, notes.OpenPullRequestUrl, notes.PredictionErrorPct) { VerifiedSavingPerRun = notes.VerifiedSavingPerRun };
        }).OrderBy(r => r.AppName, StringComparer.OrdinalIgnoreCase).ToList();
        var proposed = rows.Where(r => r.LastRun.ProposedSaving is not null).ToList();
        var verified = rows.Where(r => r.VerifiedSavingPerRun is not null).ToList();
        var totals = Totals(byApp.SelectMany(g => g).ToList(), rows.Count) with
        {
            SavingProposedPerRun = proposed.Count > 0 ? proposed.Sum(r => r.LastRun.ProposedSaving!.Value) : null,
            SavingVerifiedPerRun = verified.Count > 0 ? verified.Sum(r => r.VerifiedSavingPerRun!.Value) : null,
        };
        return new FleetView(rows, totals);
    }

    public AppView? App(string appKey)
    {
        var runs = Summaries().Where(s => s.AppKey == appKey).OrderBy(s => s.StartTime).ToList();
        return runs.Count == 0 ? null : new AppView(appKey, runs[^1].AppName, runs, Catalog.Annotations(appKey));
    }

    public RunView? Run(string runId)
    {
        var report = Catalog.Report(runId);
        return report is null ? null : _views.GetValue(report, r => RunView.Build(runId, r, Options));
    }

    /// <summary>A run the catalog lists with its summary only (no report); null when the id is unknown or has a report.</summary>
    public RunSummary? SummaryOnly(string runId) =>
        Catalog.Runs().FirstOrDefault(r => r.Id == runId) is { Summary: not null } run && Catalog.Report(runId) is null ? Normalised(run) : null;

    /// <summary>Each run from its report when the catalog has one, else from the summary it carries; runs with neither are left out.</summary>
    private List<RunSummary> Summaries() =>
        Catalog.Runs()
            .Select(run => Catalog.Report(run.Id) is { } report
                ? RunSummary.From(run, report, _costs.GetValue(report, r => CostModel.Price(r.Run, Options.Cost)))
                : run.Summary is null ? null : Normalised(run))
            .OfType<RunSummary>()
            .ToList();

    // The run's own id, app and start win over what its summary says, so a summary can never move a run to another app.
    private static RunSummary Normalised(CatalogRun run) =>
        run.Summary! with { RunId = run.Id, AppKey = run.AppKey, AppName = run.AppName, StartTime = run.StartTime ?? run.Summary.StartTime };

    private static FleetTotals Totals(List<RunSummary> runs, int apps)
    {
        var priced = runs.Where(r => r.Cost is not null).ToList();
        decimal? spend = priced.Count > 0 ? priced.Sum(r => r.Cost!.Value) : null;
        decimal? waste = priced.Count > 0 ? priced.Sum(r => r.WasteCost ?? 0) : null;
        var starts = runs.Where(r => r.StartTime is not null).Select(r => r.StartTime!.Value).ToList();
        // Spend per day over the calendar days the runs cover (at least one).
        var days = starts.Count == 0 ? 1 : Math.Max(1, (int)Math.Ceiling((starts.Max() - starts.Min()).TotalDays));
        decimal? perDay = spend is { } s ? s / days : null;
        var currency = priced.Select(r => r.Currency).FirstOrDefault(c => c is not null) ?? "USD";
        var byCause = priced.SelectMany(r => r.WasteByCause).GroupBy(w => w.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(w => w.Value), StringComparer.Ordinal);
        return new FleetTotals(apps, runs.Count, spend, waste, perDay, runs.Sum(r => r.CoreHours), currency) { WasteByCause = byCause };
    }
}
