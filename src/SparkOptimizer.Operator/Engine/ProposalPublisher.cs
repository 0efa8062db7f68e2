using System.Globalization;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Analysis;
using SparkOptimizer.History;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.Manifests;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Opens (or updates) the app's pull request for a change set and remembers the proposal in the cohort's ledger, so later runs can
/// be matched to it and judged; opens the revert when a merged proposal regressed.
/// </summary>
public sealed class ProposalPublisher(IManifestPublisher? publisher, CohortLedger ledger, TimeProvider time, ILogger logger)
{
    /// <summary>Proposes the change set; null when nothing was opened or updated (no publisher, mode, trust level, or the publisher declined).</summary>
    /// <param name="autoMerge">The trust decision allows merging this change set (autoMerge level, low-risk classes only, not a cohort's first change).</param>
    public async Task<PullRequestInfo?> ProposeAsync(CompletedRun run, string cohortKey, AnalysedRun result, IReadOnlyList<ConfigChange> configChanges, bool autoMerge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        if (!Publishes(run) || configChanges.Count == 0)
        {
            return null;
        }

        var changes = configChanges.Select(c => new ValueChange(c.Key, c.From, c.To, c.Reason)).ToArray();
        var published = await publisher!.PublishAsync(new ManifestChangeSet(Identity(run), Location(run), changes, result.PullRequestBody) { AutoMerge = autoMerge }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Publish for {App}: {Outcome} {Url}", run.App, published.Outcome, published.PullRequestUrl);
        if (published.PullRequestNumber is not { } number)
        {
            return null;
        }

        if (published.Outcome is PublishOutcome.Created or PublishOutcome.Updated or PublishOutcome.Rebased)
        {
            var edits = published.Edits?.Select(e => new ProposalEdit(e.Key, e.Field, e.From, e.To)).ToArray()
                ?? changes.Select(c => new ProposalEdit(c.Key, string.Empty, c.From, c.To)).ToArray();
            var prediction = result.Prediction is { } p
                ? new PredictedRun(p.DurationMs, p.LowMs, p.HighMs, p.Cost is { } cost ? (decimal)cost : null, HistoryDefaults.PredictionIntervalLevel, p.Basis ?? "Replay")
                : null;
            await ledger.SaveProposalAsync(new ProposalRecord(
                cohortKey, published.Fingerprint, changes.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal), edits, prediction,
                result.DurationMs, result.CohortRun?.InputBytes ?? 0, number, published.PullRequestUrl, ProposalStatus.Proposed, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        if (autoMerge && !published.Merged)
        {
            logger.LogInformation("Auto-merge of {App}'s pull request #{Number} did not happen: {Reason}", run.App, number, published.Message);
        }

        return new PullRequestInfo(number, published.PullRequestUrl ?? string.Empty, published.Merged ? "merged" : "open", published.Branch, published.Fingerprint, Action(published.Outcome));
    }

    /// <summary>Opens the pull request that undoes a regressed proposal's edits and marks the proposal reverted (once).</summary>
    /// <param name="at">When the revert is opened, on the runs' clock (the start of the run that showed the regression): runs after it count toward a declined revert.</param>
    public async Task<PullRequestInfo?> RevertAsync(CompletedRun run, VerificationOutcome outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);
        var proposal = outcome.Proposal;
        if (!Publishes(run) || proposal.Edits.Count == 0)
        {
            return null;
        }

        var merged = proposal.Edits.Select(e => new AppliedEdit(e.Key, e.Field, e.From, e.To, string.Empty));
        var changeSet = ManifestChangeSet.RevertOf(Identity(run), Location(run), merged, RevertBody(outcome));
        var published = await publisher!.PublishAsync(changeSet, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Change {Fingerprint} for {App} regressed; revert: {Outcome} {Url}", proposal.Fingerprint, run.App, published.Outcome, published.PullRequestUrl);
        if (published.PullRequestNumber is not { } number)
        {
            return null;
        }

        await ledger.SaveProposalAsync(proposal with { Status = ProposalStatus.Reverted, Note = $"revert pull request #{number}: {outcome.Result.Reason}", RevertedAt = at },
            cancellationToken).ConfigureAwait(false);
        return new PullRequestInfo(number, published.PullRequestUrl ?? string.Empty, "open", published.Branch, published.Fingerprint, Action(published.Outcome));
    }

    /// <summary>True when this change set is one we proposed before and then reverted (or saw regress): it is not proposed again.</summary>
    public static bool WasReverted(IReadOnlyList<ConfigChange> changes, IReadOnlyList<ProposalRecord> proposals)
    {
        var fingerprint = ManifestChangeSet.ComputeFingerprint(changes.Select(c => new ValueChange(c.Key, c.From, c.To, c.Reason)));
        return proposals.Any(p => p.Fingerprint == fingerprint && p.Status is ProposalStatus.Reverted or ProposalStatus.Regressed);
    }

    private bool Publishes(CompletedRun run) =>
        publisher is not null && (run.Spec.Mode ?? "pullRequest") == "pullRequest" && (run.Spec.TrustLevel ?? "pullRequest") is not ("observe" or "recommend");

    private static Publishing.AppIdentity Identity(CompletedRun run) => new(run.App.Kind, run.App.ApiVersion, run.App.Namespace, run.App.Name);

    private static ManifestLocation? Location(CompletedRun run) => run.Spec.Manifest is { Length: > 0 } m ? ManifestLocation.Parse(m) : null;

    private static PullRequestAction Action(PublishOutcome outcome) => outcome switch
    {
        PublishOutcome.Created => PullRequestAction.Opened,
        PublishOutcome.Updated or PublishOutcome.Rebased => PullRequestAction.Updated,
        _ => PullRequestAction.None,
    };

    private static string RevertBody(VerificationOutcome outcome)
    {
        var r = outcome.Result;
        string Duration(long? ms) => ms is { } v ? Reporting.DurationText.Format(v) : "unknown";
        var pr = outcome.Proposal.PullRequestNumber is { } n ? $" (pull request #{n})" : string.Empty;
        return string.Join('\n',
            $"## Revert: change {outcome.Proposal.Fingerprint}{pr} made the job slower",
            string.Empty,
            $"After the change was merged, {r.Runs} run(s) of this job were compared with the {r.RunsBefore} run(s) before it, normalised by input size: {r.Reason}.",
            string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"- Predicted duration: {Duration(r.PredictedDurationMs)}; observed (mean, scaled to the predicted run's input): {Duration(r.ObservedDurationMs)}{(r.ErrorPercent is { } e ? $" ({e:+0.#;-0.#} %)" : string.Empty)}."),
            "- This pull request restores the values the change replaced and removes the keys it added.",
            "- Spark Optimizer will not propose this change set again.");
    }
}
