using Prometheus;

namespace SparkOptimizer.Operator.Metrics;

/// <summary>
/// The operator's own metrics, in a registry of its own (so that several operators in one test process stay
/// apart): runs analysed, findings by severity, pull requests opened/updated, reconcile errors and latency,
/// work-queue depth, analyses in the process and in Jobs; with prometheus-net's process and .NET runtime collectors (process_*,
/// dotnet_*). Ratios are absent until they have data, so that an alert on a low ratio does not fire on a new install. Served on
/// <c>/metrics</c>.
/// </summary>
public sealed class OperatorMetrics
{
    private long _predicted;
    private long _inside;

    public OperatorMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        if (registry is null)
        {
            DotNetStats.Register(Registry);
        }

        RunsAnalysed = factory.CreateCounter("sparkoptimizer_runs_analysed_total", "Finished runs processed, by app kind and outcome class.", "kind", "result");
        Findings = factory.CreateCounter("sparkoptimizer_findings_total", "Findings reported on analysed runs, by severity.", "severity");
        PullRequests = factory.CreateCounter("sparkoptimizer_pull_requests_total", "Pull requests opened or updated.", "action");
        ReconcileErrors = factory.CreateCounter("sparkoptimizer_reconcile_errors_total", "Reconciles that failed and were requeued, by controller.", "controller");
        ReconcileDuration = factory.CreateHistogram("sparkoptimizer_reconcile_duration_seconds", "Reconcile latency, by controller.",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        QueueDepth = factory.CreateGauge("sparkoptimizer_queue_depth", "Keys waiting in the work queue.");
        IsLeader = factory.CreateGauge("sparkoptimizer_leader", "1 while this replica holds the leader lease.");
        VerifiedRuns = factory.CreateCounter("sparkoptimizer_verified_runs_total",
            "Runs under a merged change, by the change's verdict after the run and whether the run fell inside the interval predicted for it.", "state", "inside_interval");
        IntervalCoverage = factory.CreateGauge("sparkoptimizer_prediction_interval_coverage",
            "Share of runs under merged changes (since start) whose duration fell inside the interval predicted for them; the goal is at least 0.8 for the 80 % interval.",
            new GaugeConfiguration { SuppressInitialValue = true });
        Analyses = factory.CreateCounter("sparkoptimizer_analyses_total", "Analyses of runs begun, by where they ran: in-process or job.", "where");
        AnalysesInProcess = factory.CreateGauge("sparkoptimizer_analyses_in_process", "Analyses running in the operator's process now.");
        JobsInFlight = factory.CreateGauge("sparkoptimizer_analysis_jobs_in_flight", "Analysis Jobs created and not yet finished.");
        Jobs = factory.CreateCounter("sparkoptimizer_analysis_jobs_total", "Analysis Jobs, by result: started, succeeded, failed, timed-out.", "result");
    }

    public CollectorRegistry Registry { get; }

    public Counter RunsAnalysed { get; }

    public Counter Findings { get; }

    public Counter PullRequests { get; }

    public Counter ReconcileErrors { get; }

    public Histogram ReconcileDuration { get; }

    public Gauge QueueDepth { get; }

    public Gauge IsLeader { get; }

    public Counter VerifiedRuns { get; }

    public Gauge IntervalCoverage { get; }

    /// <summary>Counts a run under a merged change and updates the fleet's interval coverage (runs with a prediction only).</summary>
    public void CountVerifiedRun(string state, bool? insideInterval)
    {
        VerifiedRuns.WithLabels(state, insideInterval switch { true => "true", false => "false", null => "unknown" }).Inc();
        if (insideInterval is { } inside)
        {
            lock (VerifiedRuns)
            {
                _predicted++;
                _inside += inside ? 1 : 0;
                IntervalCoverage.Set(_inside / (double)_predicted);
            }
        }
    }
    public Counter Analyses { get; }

    public Gauge AnalysesInProcess { get; }

    public Gauge JobsInFlight { get; }

    public Counter Jobs { get; }

    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
