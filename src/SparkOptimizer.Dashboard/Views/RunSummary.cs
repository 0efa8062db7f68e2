using SparkOptimizer.Analysis;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>One run as the fleet and app views list it: duration, cost (or core-hours), waste, worst finding.</summary>
public sealed record RunSummary(
    string RunId,
    string AppKey,
    string AppName,
    DateTimeOffset? StartTime,
    long? DurationMs,
    decimal? Cost,
    string? Currency,
    double CoreHours,
    decimal? WasteCost,
    double WasteShare,
    string? WorstFinding,
    Severity WorstSeverity,
    int Findings)
{
    /// <summary>Waste in money by cause as the reports name it (empty when not priced or not known).</summary>
    public IReadOnlyDictionary<string, decimal> WasteByCause { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Right-sizing's saving per run when it found a cheaper shape; null otherwise.</summary>
    public decimal? ProposedSaving { get; init; }

    public static RunSummary From(CatalogRun run, RunReport report, CostReport cost)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cost);
        var worst = report.Findings.OrderByDescending(f => f.Severity).FirstOrDefault();
        var wasteCoreHours = cost.Waste.Sum(w => w.CoreHours);
        var share = cost.CoreHours > 0 ? Math.Min(1, wasteCoreHours / cost.CoreHours) : 0;
        return new RunSummary(
            run.Id,
            run.AppKey,
            run.AppName,
            run.StartTime,
            report.Run.Application.ObservedSpanMs,
            cost.Cost?.Amount,
            cost.Cost?.Currency,
            cost.CoreHours,
            cost.TotalWaste?.Amount,
            double.IsFinite(share) ? share : 0,
            worst?.Title,
            report.WorstSeverity,
            report.Findings.Count)
        {
            ProposedSaving = cost.RightSizing is { Savings.Amount: > 0 } r ? r.Savings.Round(4).Amount : null,
            WasteByCause = cost.Waste.Where(w => w.Cost is not null).ToDictionary(w => ReportText.WasteName(w.Cause), w => w.Cost!.Value.Amount, StringComparer.Ordinal),
        };
    }
}
