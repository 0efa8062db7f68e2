namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// What the operator's dashboard catalog keeps, named in one place. A full report (stages, tasks, executors) weighs megabytes: 500 apps
/// x 10 reports measured 441 MB RSS in a 1,000-run burst (docs/benchmarks.md), so only the latest few are kept for the run page and
/// every other run is a summary of a few hundred bytes, from memory or from the run history.
/// </summary>
public static class OperatorCatalogLimits
{
    /// <summary>Full reports kept per app: the run page of the latest runs, the ones people open.</summary>
    public const int ReportsPerApp = 3;

    /// <summary>Apps whose reports are kept (those analysed most recently); older apps keep their summaries only.</summary>
    public const int AppsWithReports = 100;

    /// <summary>Runs listed per app (summaries in memory, and the latest read from the run history for each cohort).</summary>
    public const int RunsPerApp = 50;

    /// <summary>Apps listed: in memory, and cohorts read from the run history (in name order).</summary>
    public const int MaxApps = 1_000;

    /// <summary>How long the runs read from the run history are served before a page view reads them again (in the background).</summary>
    public static readonly TimeSpan HistoryRefresh = TimeSpan.FromSeconds(30);

    /// <summary>How long the first page view waits for the first read of the run history before it shows what memory holds.</summary>
    public static readonly TimeSpan FirstHistoryLoadWait = TimeSpan.FromSeconds(10);

    /// <summary>How long one read of the run history may take before it is abandoned (a hung database must not stall the next reads).</summary>
    public static readonly TimeSpan HistoryReadTimeout = TimeSpan.FromSeconds(30);
}
