namespace SparkOptimizer.Dashboard.Views;

/// <summary>
/// One app in the fleet table: its last run, cost per run and trend against the previous run (percent), waste, worst
/// finding, open PR and prediction accuracy (null where the catalog does not know).
/// </summary>
public sealed record FleetRow(
    string AppKey,
    string AppName,
    int Runs,
    RunSummary LastRun,
    double? CostTrendPct,
    string? OpenPullRequestUrl,
    double? PredictionErrorPct)
{
    public decimal? VerifiedSavingPerRun { get; init; }
}
