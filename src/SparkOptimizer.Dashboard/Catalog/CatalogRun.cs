using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>One run in a catalog: a stable id (used in URLs), the app it belongs to, and when it started.</summary>
public sealed record CatalogRun(string Id, string AppKey, string AppName, DateTimeOffset? StartTime)
{
    /// <summary>
    /// The run as the fleet and app views list it, for a run whose full report the catalog does not hold (the operator keeps
    /// only the latest reports; older runs and runs analysed elsewhere come from its run history). Null: the report decides.
    /// </summary>
    public RunSummary? Summary { get; init; }
}
