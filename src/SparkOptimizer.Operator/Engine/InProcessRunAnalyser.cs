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
/// evidence, applies the cohort's safety rails, prices and predicts. With a catalog, the full report goes to the dashboard.
/// </summary>
public sealed class InProcessRunAnalyser(
    EventLogFinder finder,
    AnalysisPipeline pipeline,
    EngineOptions options,
    ILogger logger,
    PodLogSource? podLogs = null,
    OperatorRunCatalog? catalog = null) : IRunAnalyser
{
    private const int TopFindings = 5;

    public async Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var input = finder.Find(request.EventLog, out var tried);
        if (input is null)
        {
            return new AnalysedRun { NotFound = $"Event log not found (tried {tried})." };
        }

        var report = PipelineFor(request).Analyze(input, cancellationToken);
        if (podLogs is not null)
        {
            report = LogEvidence.Attach(report, await podLogs.DriverLogAsync(request.Run.Namespace, request.DriverPod, request.RunId, cancellationToken).ConfigureAwait(false));
        }

        var spark = report.Run;

        // Trust rails: the cohort's memory floor and OOM cool-down, the validator, pinned keys; infrastructure failures tune nothing.
        var run = CohortRun.From(spark, request.Outcome, ProposalMatcher.Match(spark.Environment.SparkProperties, request.Proposals)) with { RunId = request.RunId };
        var cohort = new Cohort(request.CohortKey, CohortLedger.Merge(request.PriorRuns, run));
        var rails = SafetyRails.Apply(report.ConfigChanges, spark.Environment, cohort, new ValidationContext(ValidationContext.PinnedFrom(request.Annotations)));
        report = report with { ConfigChanges = rails.Changes, RecommendationNotes = [.. report.RecommendationNotes, .. rails.Notes] };
        // One price for status, the PR body and the dashboard: the pipeline's, at the node found; spot and reserved judged on the cohort's runs.
        var cost = CohortCapacityAdvisor.WithCohort(report.CostDetails ?? CostModel.Price(spark, RunCostDetails.Options(request.Node, options)),
            [.. request.PriorRuns.Select(RunCostDetails.CohortRunCost), CohortRunCost.From(spark)]);
        report = report with { CostDetails = cost };
        var prediction = Calibrate(Predict(spark, report.ConfigChanges), request, spark);
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
            RailNotes = rails.Notes,
            LowConfidence = rails.LowConfidence,
            Findings = new FindingCounts(
                findings.Count(f => f.Severity == Severity.Critical),
                findings.Count(f => f.Severity == Severity.Severe),
                findings.Count(f => f.Severity == Severity.Moderate),
                findings.Count(f => f.Severity == Severity.Low)),
            TopFindings = findings.OrderByDescending(f => f.Severity).Take(TopFindings)
                .Select(f => new TopFinding(f.Severity.ToString().ToLowerInvariant(), f.Title, f.Evidence.FirstOrDefault()?.Display)).ToArray(),
            Cost = costUsd,
            CostDetail = RunCostDetails.From(cost, request.Node),
            Prediction = prediction is null || interval is null ? null : ToStatus(prediction with { LowMs = interval.LowMs, HighMs = interval.HighMs }, cost.InstanceType, costUsd) with { Extrapolated = interval.Extrapolated },
            PredictedMs = prediction?.DurationMs,
            BaselineMs = prediction?.Baseline.SimulatedMs,
            Gain = gain,
            CostGain = CostGain(cost, prediction, spark),
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

    /// <summary>The saving a change predicts in money, as a share of the run's cost, for changes that save cost rather than time.</summary>
    private double CostGain(CostReport cost, Prediction? prediction, SparkRun spark)
    {
        if (prediction is null || cost.Cost is not { Amount: > 0 } observed || cost.InstanceType is not { } type)
        {
            return 0;
        }

        var predicted = CostModel.PriceExecutorHours(type, prediction.ExecutorSeconds / 3600, prediction.Config.CoresPerExecutor,
            CostModel.ExecutorMemoryRequest(prediction.Config.ExecutorMemory));
        return predicted is { } p ? Math.Max(0, (double)((observed.Amount - p.Amount) / observed.Amount)) : 0;
    }

    private static Prediction? Predict(SparkRun run, IReadOnlyList<ConfigChange> changes)
    {
        if (changes.Count == 0 || run.Application.DurationMs is null)
        {
            return null;
        }

        var settings = changes.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal);
        return WhatIfSimulator.Prepare(run).Predict(SimulationChange.FromSparkConf(settings));
    }

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

    private static RunPrediction ToStatus(Prediction p, string? type, double? observedCost)
    {
        double? Price(double executorSeconds) => type is null ? null
            : (double?)CostModel.PriceExecutorHours(type, executorSeconds / 3600, p.Config.CoresPerExecutor, CostModel.ExecutorMemoryRequest(p.Config.ExecutorMemory))?.Amount;
        var cost = Price(p.ExecutorSeconds);
        var scaleLow = p.DurationMs > 0 ? p.LowMs / (double)p.DurationMs : 1;
        var scaleHigh = p.DurationMs > 0 ? p.HighMs / (double)p.DurationMs : 1;
        double? saving = observedCost is { } o && cost is { } c ? o - c : null;
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
