using SparkOptimizer.Analysis;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Tests;

/// <summary>A catalog as the operator's is after a restart: some runs known only by their summary, beside an inner catalog's full reports.</summary>
internal sealed class SummaryCatalog(IReadOnlyList<CatalogRun> summaries, IRunCatalog? inner = null) : IRunCatalog
{
    public IReadOnlyList<CatalogRun> Runs() => [.. inner?.Runs() ?? [], .. summaries];

    public RunReport? Report(string runId) => inner?.Report(runId);

    public AppAnnotations Annotations(string appKey) => inner?.Annotations(appKey) ?? AppAnnotations.None;

    /// <summary>A summary-only run: cost in USD (null: not priced), 2 executors x 4 cores for its duration.</summary>
    public static CatalogRun Run(string id, string appKey, DateTimeOffset start, long durationMs, decimal? cost, string? worst = null) =>
        new(id, appKey, appKey, start)
        {
            Summary = new RunSummary(id, appKey, appKey, start, durationMs, cost, cost is null ? null : "USD", 8.0 * durationMs / 3_600_000, null, 0,
                worst, worst is null ? Severity.None : Severity.Severe, worst is null ? 0 : 1),
        };
}
