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
/// The operator's processing of one finished run. The heavy half (read the event log, analyse, rail, price, predict) is an
/// <see cref="IRunAnalyser"/>, in this process or in a Job; this light half keeps what needs the operator's memory and network:
/// the cohort, the noise floor and trust decision, Prometheus pod metrics, the pull request and the dashboard. Idempotent: the
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
    PodLogSource? podLogs = null,
    IRunAnalyser? analyser = null) : IRunProcessor
{
    private readonly IRunAnalyser analyser = analyser ?? new InProcessRunAnalyser(finder, pipeline, options, logger, podLogs, catalog);

    public async Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        if (run.EventLog is null)
        {
            return new RunAnalysis { Message = "No event log: set spark.eventLog.enabled=true and spark.eventLog.dir in the app's sparkConf." };
        }

        // The app's name always names the cohort (the Spark app's own name only would without one).
        var memory = cohorts ?? new CohortMemory();
        var key = $"{run.App.Namespace}/{CohortResolver.Resolve(run.App.Name, run.Annotations, null)}";
        var result = await analyser.AnalyseAsync(AnalysisRequest.From(run, run.EventLog, key, memory.Runs(key)), cancellationToken).ConfigureAwait(false);
        if (result.NotFound is { } notFound || result.CohortRun is null)
        {
            return new RunAnalysis { Message = result.NotFound ?? "The analysis returned no run." };
        }

        var cohort = memory.Add(key, result.CohortRun);
        var changes = result.Changes.Select(c => new ConfigChange(c.Key, c.From, c.To, c.Reason ?? string.Empty)).ToArray();
        var pods = await PodsAsync(run, result, cancellationToken).ConfigureAwait(false);
        // Until the cohort has enough unchanged runs its noise is unknown: the proposal goes out marked low-confidence
        // (memory never lowered); once known, a gain inside 2 x the noise is reported on status, not proposed.
        var floor = NoiseFloor.Estimate(cohort);
        var noise = floor.Known ? floor.ShouldOpenPullRequest(Math.Abs(result.Gain) > 0 ? Math.Abs(result.Gain) : result.CostGain) : null;
        var environment = SparkEnvironment.Empty with { SparkProperties = result.SparkProperties };
        var decision = (trust ?? new TrustPolicy()).Decide(TrustLevelNames.Parse(run.Spec.TrustLevel), changes, environment, cohort, noise);
        var pullRequest = decision.OpenPullRequest ? await PublishAsync(run, changes, result.PullRequestBody, cancellationToken).ConfigureAwait(false) : null;

        var prediction = result.Prediction;
        catalog?.RecordOutcome(run.App, pullRequest?.Url,
            prediction is null ? null : new Dashboard.Catalog.PredictedRun(run.RunId, prediction.DurationMs, prediction.LowMs, prediction.HighMs));
        var tops = result.TopFindings.ToList();
        tops.AddRange(pods.Where(p => p.OomKilled).Take(2).Select(p => new TopFinding("critical", $"Pod {p.Pod} was OOMKilled", "kube_pod_container_status_last_terminated_reason")));
        tops.AddRange(pods.Where(p => p.MemoryLimitUse is > 0.9 && !p.OomKilled).Take(2)
            .Select(p => new TopFinding("severe", $"Pod {p.Pod} peaked at {p.MemoryLimitUse:P0} of its memory limit", "container_memory_working_set_bytes")));

        return new RunAnalysis
        {
            DurationMs = result.DurationMs,
            Cost = result.Cost,
            Findings = result.Findings with { Critical = result.Findings.Critical + pods.Count(p => p.OomKilled) },
            TopFindings = tops,
            Recommendations = decision.ShowRecommendations ? result.Changes : [],
            Prediction = prediction,
            PullRequest = pullRequest,
            Message = Summary(result, pullRequest) + Because(decision, result),
        };
    }

    private static string Because(TrustDecision decision, AnalysedRun result)
    {
        var notes = decision.Reasons.Concat(result.RailNotes).Where(n => !string.IsNullOrWhiteSpace(n)).Take(3).ToArray();
        var confidence = result.LowConfidence ? " (low confidence: the cohort is still learning)" : string.Empty;
        return notes.Length == 0 ? confidence : $"{confidence}; {string.Join("; ", notes)}";
    }

    private async Task<IReadOnlyList<PodMetrics>> PodsAsync(CompletedRun run, AnalysedRun result, CancellationToken cancellationToken)
    {
        if (podMetrics is null || run.SparkAppId is null)
        {
            return [];
        }

        var start = run.Started ?? result.Start;
        var end = run.Finished ?? result.End;
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

    private async Task<PullRequestInfo?> PublishAsync(CompletedRun run, IReadOnlyList<ConfigChange> configChanges, string body, CancellationToken cancellationToken)
    {
        var mode = run.Spec.Mode ?? "pullRequest";
        var trust = run.Spec.TrustLevel ?? "pullRequest";
        if (publisher is null || configChanges.Count == 0 || mode != "pullRequest" || trust is "observe" or "recommend")
        {
            return null;
        }

        var app = new Publishing.AppIdentity(run.App.Kind, run.App.ApiVersion, run.App.Namespace, run.App.Name);
        var location = run.Spec.Manifest is { Length: > 0 } m ? ManifestLocation.Parse(m) : null;
        var changes = configChanges.Select(c => new ValueChange(c.Key, c.From, c.To, c.Reason)).ToArray();
        var changeSet = new ManifestChangeSet(app, location, changes, body);
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

    private static string Summary(AnalysedRun result, PullRequestInfo? pr) =>
        pr is null ? result.Summary : $"{result.Summary}; PR #{pr.Number} {pr.Action.ToString().ToLowerInvariant()}";
}
