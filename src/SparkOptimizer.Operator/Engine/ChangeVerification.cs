using SparkOptimizer.History;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// After a merge: the runs under the merged proposal against the runs before it (the verifier's verdict, normalised by input), and
/// the proposal's prediction against what those runs observed (each run's duration scaled to the input of the run the prediction
/// was made from). A regression beyond the noise band makes a revert due, once.
/// </summary>
public static class ChangeVerification
{
    /// <summary>Judges the proposal the latest run ran under; null when that run used none of ours.</summary>
    public static VerificationOutcome? Evaluate(Cohort cohort, IReadOnlyList<ProposalRecord> proposals, CohortRun latest)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(latest);
        if (latest.ChangeId is not { } changeId || proposals.LastOrDefault(p => p.Fingerprint == changeId) is not { } proposal)
        {
            return null;
        }

        // Verified stands: the runs before the change leave the cohort's window later and must not turn it back to pending.
        // Inconclusive is judged again as runs come in (a regression may show later), but never falls back to pending.
        var verdict = proposal.Status == ProposalStatus.Verified ? Final(proposal) : Verifier.Verify(cohort, changeId);
        if (proposal.Status == ProposalStatus.Inconclusive && verdict.Status == VerificationStatus.Pending)
        {
            verdict = verdict with { Status = VerificationStatus.Inconclusive };
        }

        var after = cohort.TimedRuns.Where(r => r.ChangeId == changeId).ToArray();
        var scaled = after.Select(r => Scaled(r, proposal.BaselineInputBytes)).ToArray();
        long? observed = scaled.Length > 0 ? (long)scaled.Average() : null;
        var predicted = proposal.Prediction;
        double? error = observed is { } o && predicted is { DurationMs: > 0 } p ? Math.Round((o - p.DurationMs) * 100.0 / p.DurationMs, 1) : null;
        double? coverage = predicted is { } q && scaled.Length > 0 ? scaled.Count(d => d >= q.LowMs && d <= q.HighMs) / (double)scaled.Length : null;
        var status = proposal.Status == ProposalStatus.Verified ? proposal.Status : verdict.Status switch
        {
            VerificationStatus.Verified => ProposalStatus.Verified,
            VerificationStatus.Inconclusive => ProposalStatus.Inconclusive,
            VerificationStatus.Regressed => ProposalStatus.Regressed,
            _ => ProposalStatus.Applied,
        };
        var reverted = proposal.Status == ProposalStatus.Reverted;
        var result = new VerificationResult(
            reverted ? nameof(ProposalStatus.Reverted) : verdict.Status.ToString(),
            changeId,
            predicted?.DurationMs,
            observed,
            (double?)predicted?.Cost,
            null,
            error,
            after.Length)
        {
            RunsBefore = verdict.RunsBefore,
            LatestInsideInterval = predicted is { } i && latest.Succeeded && latest.DurationMs > 0
                ? Scaled(latest, proposal.BaselineInputBytes) is var d && d >= i.LowMs && d <= i.HighMs
                : null,
            IntervalCoverage = coverage,
            Reason = verdict.Reason,
        };
        var sinceRevert = proposal.RevertedAt is { } at ? after.Count(r => r.Start > at) : 0;
        return new VerificationOutcome(result, proposal, reverted ? ProposalStatus.Reverted : status, !reverted && status == ProposalStatus.Regressed)
        {
            RunsSinceRevert = sinceRevert,
        };
    }

    /// <summary>The recorded verdict of a proposal judged before (its reason is kept in the proposal's note).</summary>
    private static Trust.Verification Final(ProposalRecord proposal) => new(VerificationStatus.Verified, 0, 0, 0, 0, proposal.Note ?? "judged before");

    /// <summary>The run's duration as if it had read the predicted run's input (durations grow with input; the verifier normalises the same way).</summary>
    private static double Scaled(CohortRun run, long baselineInputBytes) =>
        run.InputBytes > 0 && baselineInputBytes > 0 ? run.DurationMs * (baselineInputBytes / (double)run.InputBytes) : run.DurationMs;
}
