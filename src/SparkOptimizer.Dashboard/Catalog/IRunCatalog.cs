using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>
/// Where the dashboard's runs come from: apps, their runs, and each run's report. The CLI serves a folder of event logs
/// (<see cref="FolderRunCatalog"/>); the operator provides its own catalog from its run history, with PRs and merges.
/// </summary>
public interface IRunCatalog
{
    /// <summary>Every run the catalog knows, each tagged with its app; a run without a report carries its <see cref="CatalogRun.Summary"/>.</summary>
    IReadOnlyList<CatalogRun> Runs();

    /// <summary>The analysed report of one run; null when the id is unknown or only the run's summary is kept.</summary>
    RunReport? Report(string runId);

    /// <summary>What the catalog knows about an app beyond its runs (open PR, merges, prediction accuracy).</summary>
    AppAnnotations Annotations(string appKey);
}
