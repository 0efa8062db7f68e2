using System.Globalization;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Analysis;
using SparkOptimizer.Ingest.Metrics;
using SparkOptimizer.Model;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Publishing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Simulation;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The operator's processing of one finished run: read its event log, analyse and recommend, price, predict the
/// recommended configuration, look at its pods in Prometheus, and propose the change in Git. Idempotent: the
/// publisher finds its pull request again by branch, so a repeat after a crash opens nothing new.
/// </summary>
public sealed class EngineRunProcessor(
    EventLogFinder finder,
    AnalysisPipeline pipeline,
    IManifestPublisher? publisher,
    SparkPodMetricsQuery? podMetrics,
    EngineOptions options,
    ILogger<EngineRunProcessor> logger,
    OperatorRunCatalog? catalog = null,
    CohortMemory? cohorts = null,
    TrustPolicy? trust = null,
    PodLogSource? podLogs = null) : IRunProcessor
{
    private const int TopFindings = 5;

    public async Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        if (run.EventLog is null)
        {
            return new RunAnalysis { Message = "No event log: set spark.eventLog.enabled=true and spark.eventLog.dir in the app's sparkConf." };
        }

        var input = finder.Find(run.EventLog, out var tried);
        if (input is null)
        {
            return new RunAnalysis { Message = $"Event log not found (tried {tried})." };
        }

        var report = PipelineFor(run).Analyze(input, cancellationToken);
        if (podLogs is not null)
        {
            report = LogEvidence.Attach(report, await podLogs.DriverLogAsync(run, cancellationToken).ConfigureAwait(false));
        }

        var spark = report.Run;

        // Trust rails: the cohort's memory floor and OOM cool-down, the validator, pinned keys; infrastructure failures tune nothing.
        var cohortKey = CohortResolver.Resolve(run.App.Name, run.Annotations, spark.Application.Name);
        var cohort = (cohorts ?? new CohortMemory()).Add($"{run.App.Namespace}/{cohortKey}", CohortRun.From(spark, run.Outcome) with { RunId = run.RunId });
        var rails = SafetyRails.Apply(report.ConfigChanges, spark.Environment, cohort, new ValidationContext(ValidationContext.PinnedFrom(run.Annotations)));
        report = report with { ConfigChanges = rails.Changes, RecommendationNotes = [.. report.RecommendationNotes, .. rails.Notes] };
        var cost = CostModel.Price(spark, new CostOptions { InstanceType = spark.Vendor.InstanceType is null ? options.DefaultInstanceType : null, Platform = Platform.Kubernetes });
        var prediction = Predict(spark, report.ConfigChanges);
        var pods = await PodsAsync(run, spark, cancellationToken).ConfigureAwait(false);
        var gain = prediction is { Baseline.SimulatedMs: > 0 } p ? (p.Baseline.SimulatedMs - p.DurationMs) / (double)p.Baseline.SimulatedMs : 0;
        // Until the cohort has enough unchanged runs its noise is unknown: the proposal goes out marked low-confidence
        // (memory never lowered); once known, a gain inside 2 x the noise is reported on status, not proposed.
        var floor = NoiseFloor.Estimate(cohort);
        var noise = floor.Known ? floor.ShouldOpenPullRequest(Math.Abs(gain) > 0 ? Math.Abs(gain) : CostGain(cost, prediction, spark)) : null;
        var decision = (trust ?? new TrustPolicy()).Decide(TrustLevelNames.Parse(run.Spec.TrustLevel), report.ConfigChanges, spark.Environment, cohort, noise);
        var pullRequest = decision.OpenPullRequest ? await PublishAsync(run, report, cancellationToken).ConfigureAwait(false) : null;

        catalog?.Record($"{run.App.Kind}/{run.App.Namespace}/{run.App.Name}", run.App.Name, run.RunId, report, pullRequest?.Url,
            prediction is null ? null : new Dashboard.Catalog.PredictedRun(run.RunId, prediction.DurationMs, prediction.LowMs, prediction.HighMs));
        var findings = report.Findings.Where(f => f.Severity > Severity.None).ToArray();
        var tops = findings.OrderByDescending(f => f.Severity).Take(TopFindings)
            .Select(f => new TopFinding(f.Severity.ToString().ToLowerInvariant(), f.Title, f.Evidence.FirstOrDefault()?.Display)).ToList();
        tops.AddRange(pods.Where(p => p.OomKilled).Take(2).Select(p => new TopFinding("critical", $"Pod {p.Pod} was OOMKilled", "kube_pod_container_status_last_terminated_reason")));
        tops.AddRange(pods.Where(p => p.MemoryLimitUse is > 0.9 && !p.OomKilled).Take(2)
            .Select(p => new TopFinding("severe", $"Pod {p.Pod} peaked at {p.MemoryLimitUse:P0} of its memory limit", "container_memory_working_set_bytes")));

        double? costUsd = cost.Cost is { } money ? (double)money.Amount : null;
        return new RunAnalysis
        {
            DurationMs = spark.Application.DurationMs,
            Cost = costUsd,
            Findings = new FindingCounts(
                findings.Count(f => f.Severity == Severity.Critical) + pods.Count(p => p.OomKilled),
                findings.Count(f => f.Severity == Severity.Severe),
                findings.Count(f => f.Severity == Severity.Moderate),
                findings.Count(f => f.Severity == Severity.Low)),
            TopFindings = tops,
            Recommendations = decision.ShowRecommendations ? report.ConfigChanges.Select(c => new RecommendedChange(c.Key, c.From, c.To, c.Reason)).ToArray() : [],
            Prediction = prediction is null ? null : ToStatus(prediction, spark, costUsd),
            PullRequest = pullRequest,
            Message = Summary(report, cost, pullRequest) + Because(decision, rails),
        };
    }

    /// <summary>The app's own thresholds (spec.thresholds on its SparkOptimization) over the operator's defaults.</summary>
    private AnalysisPipeline PipelineFor(CompletedRun run)
    {
        var sla = SlaText.Parse(run.Spec.Sla);
        if (run.Spec.Thresholds is not { Count: > 0 } overrides)
        {
            return sla is null ? pipeline : new AnalysisPipeline(options.ThresholdsFile) { Sla = sla };
        }

        var thresholds = ThresholdOverrides.Apply(
            options.ThresholdsFile is null ? Thresholds.Default : ThresholdsLoader.Load(options.ThresholdsFile), overrides, out var problems);
        foreach (var problem in problems)
        {
            logger.LogWarning("{App}: {Problem}", run.App, problem);
        }

        return new AnalysisPipeline(thresholds) { Sla = sla };
    }

    /// <summary>The saving a change predicts in money, as a share of the run's cost, for changes that save cost rather than time.</summary>
    private double CostGain(CostReport cost, Prediction? prediction, SparkRun spark)
    {
        if (prediction is null || cost.Cost is not { Amount: > 0 } observed || (spark.Vendor.InstanceType ?? options.DefaultInstanceType) is not { } type)
        {
            return 0;
        }

        var predicted = CostModel.PriceExecutorHours(type, prediction.ExecutorSeconds / 3600, prediction.Config.CoresPerExecutor,
            CostModel.ExecutorMemoryRequest(prediction.Config.ExecutorMemory));
        return predicted is { } p ? Math.Max(0, (double)((observed.Amount - p.Amount) / observed.Amount)) : 0;
    }

    private static string Because(TrustDecision decision, RailsResult rails)
    {
        var notes = decision.Reasons.Concat(rails.Notes).Where(n => !string.IsNullOrWhiteSpace(n)).Take(3).ToArray();
        var confidence = rails.LowConfidence ? " (low confidence: the cohort is still learning)" : string.Empty;
        return notes.Length == 0 ? confidence : $"{confidence}; {string.Join("; ", notes)}";
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

    private RunPrediction ToStatus(Prediction p, SparkRun run, double? observedCost)
    {
        var type = run.Vendor.InstanceType ?? options.DefaultInstanceType;
        double? Price(double executorSeconds) => type is null ? null
            : (double?)CostModel.PriceExecutorHours(type, executorSeconds / 3600, p.Config.CoresPerExecutor, CostModel.ExecutorMemoryRequest(p.Config.ExecutorMemory))?.Amount;
        var cost = Price(p.ExecutorSeconds);
        var scaleLow = p.DurationMs > 0 ? p.LowMs / (double)p.DurationMs : 1;
        var scaleHigh = p.DurationMs > 0 ? p.HighMs / (double)p.DurationMs : 1;
        double? saving = observedCost is { } o && cost is { } c ? o - c : null;
        return new RunPrediction(p.DurationMs, p.LowMs, p.HighMs, cost, cost * scaleLow, cost * scaleHigh, saving,
            saving is { } s && observedCost is > 0 ? Math.Round(s * 100 / observedCost.Value, 1) : null);
    }

    private async Task<IReadOnlyList<PodMetrics>> PodsAsync(CompletedRun run, SparkRun spark, CancellationToken cancellationToken)
    {
        if (podMetrics is null || run.SparkAppId is null)
        {
            return [];
        }

        var start = run.Started ?? spark.Application.StartTime;
        var end = run.Finished ?? spark.Application.EndTime ?? spark.Application.LastEventTime;
        if (start is null || end is null)
        {
            return [];
        }

        try
        {
            return await podMetrics.QueryAsync(run.Run.Namespace, run.SparkAppId, run.Run.Name, start.Value, end.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (PrometheusException ex)
        {
            // Pod metrics add evidence; without them the run is still analysed.
            logger.LogWarning("Prometheus unavailable for {Run}: {Reason}", run.RunId, ex.Message);
            return [];
        }
    }

    private async Task<PullRequestInfo?> PublishAsync(CompletedRun run, RunReport report, CancellationToken cancellationToken)
    {
        var mode = run.Spec.Mode ?? "pullRequest";
        var trust = run.Spec.TrustLevel ?? "pullRequest";
        if (publisher is null || report.ConfigChanges.Count == 0 || mode != "pullRequest" || trust is "observe" or "recommend")
        {
            return null;
        }

        var app = new Publishing.AppIdentity(run.App.Kind, run.App.ApiVersion, run.App.Namespace, run.App.Name);
        var location = run.Spec.Manifest is { Length: > 0 } m ? ManifestLocation.Parse(m) : null;
        var changes = report.ConfigChanges.Select(c => new ValueChange(c.Key, c.From, c.To, c.Reason)).ToArray();
        var changeSet = new ManifestChangeSet(app, location, changes, MarkdownReportWriter.Write(report));
        var result = await publisher.PublishAsync(changeSet, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Publish for {App}: {Outcome} {Url}", run.App, result.Outcome, result.PullRequestUrl);
        if (result.PullRequestNumber is not { } number)
        {
            return null;
        }

        var action = result.Outcome switch
        {
            PublishOutcome.Created => PullRequestAction.Opened,
            PublishOutcome.Updated or PublishOutcome.Rebased => PullRequestAction.Updated,
            _ => PullRequestAction.None,
        };
        return new PullRequestInfo(number, result.PullRequestUrl ?? string.Empty, "open", result.Branch, result.Fingerprint, action);
    }

    private static string Summary(RunReport report, CostReport cost, PullRequestInfo? pr)
    {
        var worst = report.WorstSeverity;
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{report.Findings.Count(f => f.Severity > Severity.None)} findings (worst {worst.ToString().ToLowerInvariant()})"),
            $"{report.ConfigChanges.Count} changes recommended",
            $"cost {cost.Summary()}",
        };
        if (pr is not null)
        {
            parts.Add($"PR #{pr.Number} {pr.Action.ToString().ToLowerInvariant()}");
        }

        return string.Join("; ", parts);
    }
}
