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
using SparkOptimizer.History;
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
    CohortLedger? cohorts = null,
    TrustPolicy? trust = null,
    PodLogSource? podLogs = null,
    IRunAnalyser? analyser = null,
    TimeProvider? time = null,
    NodeShapeResolver? nodes = null) : IRunProcessor
{
    private readonly NodeShapeResolver nodes = nodes ?? new NodeShapeResolver(null, null, options, logger, time);
    private readonly IRunAnalyser analyser = analyser ?? new InProcessRunAnalyser(finder, pipeline, options, logger, podLogs, catalog);
    private readonly CohortLedger ledger = cohorts ?? new CohortLedger();
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public async Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        // Never "analysed" without a log: a log that may still arrive is waited for, one that cannot is an error.
        var location = run.EventLog ?? finder.Fallback(run.SparkConf, run.SparkAppId)
            ?? throw new EventLogNotFoundException(run.SparkAppId is null
                ? "nothing: the run has no Spark application id (Spark never started)"
                : "nothing: the app's sparkConf names no spark.eventLog.dir (or sets spark.eventLog.enabled=false), and neither Engine:DefaultEventLogDir (chart eventLogs.defaultDir) nor a History Server is configured", canAppear: false);

        // The app's name always names the cohort (the Spark app's own name only would without one).
        var key = $"{run.App.Namespace}/{CohortResolver.Resolve(run.App.Name, run.Annotations, null)}";
        var before = await ledger.SnapshotAsync(key, cancellationToken).ConfigureAwait(false);
        var request = AnalysisRequest.From(run, location, key, before.Runs) with
        {
            Proposals = before.ChangeSets,
            History = await ledger.HistoryAsync(key, cancellationToken).ConfigureAwait(false),
            Node = await nodes.ResolveAsync(run, cancellationToken).ConfigureAwait(false),
        };
        var result = await analyser.AnalyseAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.NotFound is { } notFound)
        {
            throw new EventLogNotFoundException(notFound, result.LogCanAppear);
        }

        if (result.CohortRun is null)
        {
            throw new InvalidOperationException("the analysis returned no run");
        }

        // Executors live minutes: their pods are sized per cohort, from the highest footprint any run showed, the event log's or the pod's.
        var pods = await PodsAsync(run, result, cancellationToken).ConfigureAwait(false);
        var podPeak = (long)pods.Where(p => p.Role == "executor").Select(p => Math.Max(p.PeakWorkingSetBytes, p.PeakRssBytes ?? 0)).DefaultIfEmpty(0).Max();
        var cohortRun = result.CohortRun with { PeakMemoryBytes = Math.Max(result.CohortRun.PeakMemoryBytes, podPeak) };
        // From here on one run of the cohort at a time, on the proposals as the previous run left them.
        using var cohortLock = await ledger.LockAsync(key, cancellationToken).ConfigureAwait(false);
        var current = await ledger.SnapshotAsync(key, cancellationToken).ConfigureAwait(false);
        var record = RecordOf(result, cohortRun, current);
        var cohort = await ledger.AddRunAsync(key, cohortRun, record, cancellationToken).ConfigureAwait(false);
        catalog?.RecordRun(key, record);

        // After a merge: the runs under the merged change against the runs before it; a regression proposes the revert.
        var verification = ChangeVerification.Evaluate(cohort, current.Proposals, cohortRun);
        if (verification is not null)
        {
            await RecordVerdictAsync(key, result, verification, cancellationToken).ConfigureAwait(false);
            catalog?.RecordVerification(key, Merge(verification, cohortRun), verification.Result.ErrorPercent, null);
        }

        var changes = result.Changes.Select(c => new ConfigChange(c.Key, c.From, c.To, c.Reason ?? string.Empty)).ToArray();
        // Until the cohort has enough unchanged runs its noise is unknown: the proposal goes out marked low-confidence
        // (memory never lowered); once known, a gain inside 2 x the noise is reported on status, not proposed.
        var floor = NoiseFloor.Estimate(cohort);
        var noise = floor.Known ? floor.ShouldOpenPullRequest(Math.Abs(result.Gain) > 0 ? Math.Abs(result.Gain) : result.CostGain) : null;
        var environment = SparkEnvironment.Empty with { SparkProperties = result.SparkProperties };
        var decision = (trust ?? new TrustPolicy()).Decide(TrustLevelNames.Parse(run.Spec.TrustLevel), changes, environment, cohort, noise);
        var proposals = new ProposalPublisher(publisher, ledger, clock, logger);
        PullRequestInfo? pullRequest = null;
        string? held = null;
        if (verification is { RevertDue: true } regressed)
        {
            pullRequest = await proposals.RevertAsync(run, regressed, cohortRun.Start ?? clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            verification = regressed with { Result = regressed.Result with { RevertPullRequest = pullRequest?.Number } };
            held = pullRequest is null ? $"change {regressed.Proposal.Fingerprint} regressed; no revert could be opened" : $"change {regressed.Proposal.Fingerprint} regressed: revert PR #{pullRequest.Number}";
        }
        else if (verification is { HoldsNewProposals: true } waiting)
        {
            held = waiting.AwaitingVerdict
                ? $"waiting for the verdict on merged change {waiting.Proposal.Fingerprint} ({waiting.Result.Runs} run(s) under it so far) before proposing more"
                : $"change {waiting.Proposal.Fingerprint} regressed; its revert is pending";
        }
        else if (decision.OpenPullRequest && !current.Complete)
        {
            held = "the run history could not be read: nothing is proposed until it can (proposals and verdicts live there)";
        }
        else if (decision.OpenPullRequest && ProposalPublisher.WasReverted(changes, current.Proposals))
        {
            held = "this change set was reverted after it regressed; it is not proposed again";
        }
        else if (decision.OpenPullRequest)
        {
            pullRequest = await proposals.ProposeAsync(run, key, result, changes, decision.AutoMerge, cancellationToken).ConfigureAwait(false);
        }

        var prediction = result.Prediction;
        // The dashboard draws predictions against the runs they were made for: those come with the run's record above.
        catalog?.RecordPullRequest(key, pullRequest?.Url);
        var tops = result.TopFindings.ToList();
        tops.AddRange(pods.Where(p => p.OomKilled).Take(2).Select(p => new TopFinding("critical", $"Pod {p.Pod} was OOMKilled", "kube_pod_container_status_last_terminated_reason")));
        tops.AddRange(pods.Where(p => p.MemoryLimitUse is > 0.9 && !p.OomKilled).Take(2)
            .Select(p => new TopFinding("severe", $"Pod {p.Pod} peaked at {p.MemoryLimitUse:P0} of its memory limit", "container_memory_working_set_bytes")));

        return new RunAnalysis
        {
            DurationMs = result.DurationMs,
            Cost = result.Cost,
            CostDetail = result.CostDetail,
            Findings = result.Findings with { Critical = result.Findings.Critical + pods.Count(p => p.OomKilled) },
            TopFindings = tops,
            Recommendations = decision.ShowRecommendations ? result.Changes : [],
            Prediction = prediction,
            PullRequest = pullRequest,
            Verification = verification?.Result,
            Cohort = new CohortSummary(cohort.Key, cohort.State.ToString().ToLowerInvariant(), cohort.UsableRuns.Count, cohort.Runs.Count, cohort.PeakMemoryBytes,
                floor.Known ? Math.Round(floor.CoefficientOfVariation, 4) : null),
            Message = Summary(result, pullRequest) + Because(decision, result, held, cohort),
        };
    }

    /// <summary>The run for the history: under a merged proposal it carries that proposal's prediction (scaled to its input), so calibration sees real residuals.</summary>
    private static RunRecord? RecordOf(AnalysedRun result, CohortRun run, CohortSnapshot before)
    {
        if (result.Record is not { } record)
        {
            return null;
        }

        if (before.Proposals.LastOrDefault(p => p.Fingerprint == run.ChangeId) is { Prediction: { } predicted } proposal)
        {
            var scale = run.InputBytes > 0 && proposal.BaselineInputBytes > 0 ? run.InputBytes / (double)proposal.BaselineInputBytes : 1;
            return record with { Prediction = predicted with { DurationMs = (long)(predicted.DurationMs * scale), LowMs = (long)(predicted.LowMs * scale), HighMs = (long)(predicted.HighMs * scale) } };
        }

        return record;
    }

    /// <summary>The merge as the dashboard draws it: at the first run that ran under the proposal.</summary>
    private Dashboard.Catalog.MergeMarker? Merge(VerificationOutcome verification, CohortRun run) =>
        verification.Proposal.Status == ProposalStatus.Proposed
            ? new Dashboard.Catalog.MergeMarker(run.Start ?? clock.GetUtcNow(), $"change {verification.Proposal.Fingerprint} merged", verification.Proposal.PullRequestUrl)
            : null;

    private async Task RecordVerdictAsync(string key, AnalysedRun result, VerificationOutcome verification, CancellationToken cancellationToken)
    {
        if (verification.NewStatus != verification.Proposal.Status)
        {
            await ledger.SaveProposalAsync(verification.Proposal with { Status = verification.NewStatus, Note = verification.Result.Reason }, cancellationToken).ConfigureAwait(false);
        }

        if (result.Record is { } record)
        {
            var state = verification.NewStatus switch
            {
                ProposalStatus.Verified => VerificationState.Verified,
                ProposalStatus.Regressed or ProposalStatus.Reverted => VerificationState.Regressed,
                ProposalStatus.Inconclusive => VerificationState.Inconclusive,
                _ => VerificationState.Pending,
            };
            await ledger.RecordVerificationAsync(new RunKey(key, record.AppId, record.Attempt),
                new History.Verification(state, clock.GetUtcNow(), verification.Result.ErrorPercent, verification.Result.Reason), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Because(TrustDecision decision, AnalysedRun result, string? held, Cohort cohort)
    {
        var notes = new[] { held }.Concat(decision.Reasons).Concat(result.RailNotes).Where(n => !string.IsNullOrWhiteSpace(n)).Take(3).ToArray();
        var confidence = result.LowConfidence ? $" (low confidence: {cohort.Describe()})" : string.Empty;
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

    private static string Summary(AnalysedRun result, PullRequestInfo? pr) =>
        pr is null ? result.Summary : $"{result.Summary}; PR #{pr.Number} {pr.Action.ToString().ToLowerInvariant()}";
}
