using System.Globalization;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.History;
using SparkOptimizer.Simulation;
using SparkOptimizer.Simulation.Calibration;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Analyses a run in this process: reads its event log, analyses with the app's thresholds and SLA, adds the driver pod log's
/// evidence, the cohort's safety rails and calibration, all inside the one pipeline. With a catalog, the full report goes to the dashboard.
/// </summary>
public sealed class InProcessRunAnalyser(
    EventLogFinder finder,
    AnalysisPipeline pipeline,
    EngineOptions options,
    ILogger logger,
    PodLogSource? podLogs = null,
    OperatorRunCatalog? catalog = null,
    Metrics.OperatorMetrics? metrics = null) : IRunAnalyser
{
    private const int TopFindings = 5;

    public async Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var search = finder.Search(request.EventLog);
        if (search.Input is not { } input)
        {
            return new AnalysedRun { NotFound = search.Tried, LogCanAppear = search.CanAppear };
        }

        metrics?.Analyses.WithLabels("in-process").Inc();
        var pipeline = PipelineFor(request);
        var spark = pipeline.Read(input, cancellationToken);
        var logs = podLogs is null ? null : await podLogs.DriverLogAsync(request.Run.Namespace, request.DriverPod, request.RunId, cancellationToken).ConfigureAwait(false);

        // The cohort's rails (memory floor, OOM cool-down, pinned keys), its calibration of the replay, the operator's pricing
        // and the driver pod's log go into the one pipeline; nothing is re-priced or re-predicted here.
        var run = CohortRun.From(spark, request.Outcome, ProposalMatcher.Match(spark.Environment.SparkProperties, request.Proposals)) with { RunId = request.RunId };
        var cohort = new Cohort(request.CohortKey, CohortLedger.Merge(request.PriorRuns, run));
        var report = pipeline.Analyze(spark, new HostContext
        {
            Cohort = cohort,
            Validation = new ValidationContext(ValidationContext.PinnedFrom(request.Annotations)),
            Calibrate = p => Calibrate(p, request, spark) ?? p,
            Cost = RunCostDetails.Options(request.Node, options),
            CohortCosts = [.. request.PriorRuns.Select(RunCostDetails.CohortRunCost), CohortRunCost.From(spark)],
            Logs = logs,
        });
        var cost = report.CostDetails ?? CostModel.Price(spark, new CostOptions { Enabled = false });
        var prediction = report.Recommended?.Prediction;
        var interval = prediction is null ? null : Verifier.WithNoise(Verifier.Interval(prediction, spark), NoiseFloor.Estimate(cohort));
        var gain = prediction is { Baseline.SimulatedMs: > 0 } p ? (p.Baseline.SimulatedMs - p.DurationMs) / (double)p.Baseline.SimulatedMs : 0;
        var findings = report.Findings.Where(f => f.Severity > Severity.None).ToArray();
        double? costUsd = cost.Cost is { } money ? (double)money.Amount : null;
        var record = RunRecord.From(report, request.CohortKey, null, cost);
        catalog?.RecordReport(record, report);
        return new AnalysedRun
        {
            CohortRun = run,
            Record = record,
            DurationMs = spark.Application.DurationMs,
            Start = spark.Application.StartTime,
            End = spark.Application.EndTime ?? spark.Application.LastEventTime,
            SparkProperties = spark.Environment.SparkProperties,
            Changes = report.ConfigChanges.Select(c => new RecommendedChange(c.Key, c.From, c.To, c.Reason)).ToArray(),
            RailNotes = report.RecommendationNotes,
            LowConfidence = report.LowConfidence,
            Findings = new FindingCounts(
                findings.Count(f => f.Severity == Severity.Critical),
                findings.Count(f => f.Severity == Severity.Severe),
                findings.Count(f => f.Severity == Severity.Moderate),
                findings.Count(f => f.Severity == Severity.Low)),
            TopFindings = findings.OrderByDescending(f => f.Severity).Take(TopFindings)
                .Select(f => new TopFinding(f.Severity.ToString().ToLowerInvariant(), f.Title, f.Evidence.FirstOrDefault()?.Display)).ToArray(),
            Cost = costUsd,
            CostDetail = RunCostDetails.From(cost, request.Node),
            Prediction = prediction is null || interval is null ? null : ToStatus(prediction with { LowMs = interval.LowMs, HighMs = interval.HighMs }, report.Recommended?.Cost, costUsd) with { Extrapolated = interval.Extrapolated },
            PredictedMs = prediction?.DurationMs,
            BaselineMs = prediction?.Baseline.SimulatedMs,
            Gain = gain,
            CostGain = CostGain(report),
            PullRequestBody = MarkdownReportWriter.Write(report),
            Summary = Summary(report, cost),
        };
    }

    /// <summary>The app's own thresholds (spec.thresholds on its SparkOptimization) over the operator's defaults, priced at the node the run ran on.</summary>
    private AnalysisPipeline PipelineFor(AnalysisRequest request)
    {
        var sla = SlaText.Parse(request.Sla);
        var cost = RunCostDetails.Options(request.Node, options);
        var overrides = request.Thresholds is { Count: > 0 } given ? given : null;
        if (overrides is null && sla is null && cost.InstanceType is null && cost.FallbackInstanceType is null)
        {
            return pipeline;
        }

        var thresholds = options.ThresholdsFile is null ? Thresholds.Default : ThresholdsLoader.Load(options.ThresholdsFile);
        if (overrides is not null)
        {
            thresholds = ThresholdOverrides.Apply(thresholds, overrides, out var problems);
            foreach (var problem in problems)
            {
                logger.LogWarning("{App}: {Problem}", request.App, problem);
            }
        }

        return new AnalysisPipeline(thresholds, costOptions: cost) { Sla = sla };
    }

    /// <summary>The saving a change predicts in money, as a share of the run's cost (for changes that save cost rather than time).</summary>
    private static double CostGain(RunReport report) =>
        report.Cost is { CurrentPerRun: > 0 } c && c.SavingsPerRun is { } saved ? (double)(saved / c.CurrentPerRun) : 0;

    /// <summary>With a run history for the cohort, the replay is corrected by what past runs showed (Ernest per cohort, the residual model); else it stands.</summary>
    private static Prediction? Calibrate(Prediction? prediction, AnalysisRequest request, SparkRun spark)
    {
        if (prediction is null || request.History.Count == 0)
        {
            return prediction;
        }

        var input = spark.Totals.InputBytes > 0 ? spark.Totals.InputBytes : spark.Totals.ShuffleReadBytes;
        return PredictionCalibrator.Train(request.History).Calibrate(prediction, request.CohortKey, input);
    }

    /// <summary>The prediction for status: its time interval (with the cohort's noise) and the cost the pipeline priced it at, scaled alike.</summary>
    private static RunPrediction ToStatus(Prediction p, PricedPrediction? priced, double? observedCost)
    {
        double? cost = priced is null ? null : (double)priced.Cost.Amount;
        var scaleLow = p.DurationMs > 0 ? p.LowMs / (double)p.DurationMs : 1;
        var scaleHigh = p.DurationMs > 0 ? p.HighMs / (double)p.DurationMs : 1;
        double? saving = observedCost is { } o && cost is { } c && cost * scaleHigh < o ? o - c : null;
        return new RunPrediction(p.DurationMs, p.LowMs, p.HighMs, cost, cost * scaleLow, cost * scaleHigh, saving,
            saving is { } s && observedCost is > 0 ? Math.Round(s * 100 / observedCost.Value, 1) : null)
        {
            Basis = p.Basis.ToString(),
        };
    }

    private static string Summary(RunReport report, CostReport cost) => string.Join("; ",
        string.Create(CultureInfo.InvariantCulture, $"{report.Findings.Count(f => f.Severity > Severity.None)} findings (worst {report.WorstSeverity.ToString().ToLowerInvariant()})"),
        $"{report.ConfigChanges.Count} changes recommended",
        $"cost {cost.Summary()}");
}
