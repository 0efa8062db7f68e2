using SparkOptimizer.History;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Engine;

public sealed class ChangeVerificationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs of 1 GiB each at about 10 minutes (±2 %, fixed pattern); from <paramref name="changeAt"/> on under "fp1" with duration x <paramref name="effect"/>.</summary>
    private static List<CohortRun> Series(int n, int changeAt, double effect)
    {
        double[] noise = [1.0, 1.02, 0.98, 1.01, 0.99];
        return Enumerable.Range(0, n).Select(i => new CohortRun(
            $"run-{i}", T0.AddHours(i), (long)(600_000 * noise[i % noise.Length] * (i >= changeAt ? effect : 1)), 1L << 30, 4L << 30,
            RunFailureClass.None, false, i >= changeAt ? "fp1" : null)).ToList();
    }

    private static ProposalRecord Proposal(long predictedMs, ProposalStatus status = ProposalStatus.Proposed) => new(
        "ns/job", "fp1", new Dictionary<string, string> { ["spark.sql.shuffle.partitions"] = "400" },
        [new ProposalEdit("spark.sql.shuffle.partitions", "spec.sparkConf", "200", "400")],
        new PredictedRun(predictedMs, (long)(predictedMs * 0.9), (long)(predictedMs * 1.1), null, 0.8, "Replay"),
        600_000, 1L << 30, 3, "https://example/pr/3", status, T0);

    [Fact]
    public void Evaluate_RunUnderNoProposal_Null()
    {
        var runs = Series(4, int.MaxValue, 1);
        ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(500_000)], runs[^1]).Should().BeNull();
    }

    [Fact]
    public void Evaluate_TwoRunsAfterTheMerge_AppliedAndAwaitingVerdict()
    {
        var runs = Series(5, 3, 0.8);
        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(480_000)], runs[^1])!;

        outcome.NewStatus.Should().Be(ProposalStatus.Applied);
        outcome.AwaitingVerdict.Should().BeTrue();
        outcome.RevertDue.Should().BeFalse();
        outcome.Result.State.Should().Be("Pending");
        outcome.Result.Runs.Should().Be(2);
    }

    [Fact]
    public void Evaluate_DoubledDurationAfterTheMerge_RegressedAndRevertDueOnce()
    {
        var runs = Series(6, 3, 2.0);
        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(480_000)], runs[^1])!;

        outcome.Result.State.Should().Be("Regressed");
        outcome.RevertDue.Should().BeTrue();
        outcome.Result.ErrorPercent.Should().BeGreaterThan(100, "observed about 1,200 s against 480 s predicted");
        outcome.Result.IntervalCoverage.Should().Be(0);
        outcome.Result.LatestInsideInterval.Should().BeFalse();
        outcome.Result.RunsBefore.Should().Be(3);

        var again = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(480_000, ProposalStatus.Reverted)], runs[^1])!;
        again.RevertDue.Should().BeFalse("a reverted proposal is not reverted twice");
        again.Result.State.Should().Be("Reverted");
    }

    [Fact]
    public void Evaluate_FasterAsPredictedWithEnoughRuns_VerifiedInsideTheInterval()
    {
        var runs = Series(12, 6, 0.7);
        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(420_000)], runs[^1])!;

        outcome.Result.State.Should().Be("Verified");
        outcome.RevertDue.Should().BeFalse();
        outcome.Result.IntervalCoverage.Should().Be(1.0);
        outcome.Result.LatestInsideInterval.Should().BeTrue();
        Math.Abs(outcome.Result.ErrorPercent!.Value).Should().BeLessThan(3);
    }

    [Fact]
    public void Evaluate_ObservedDurations_AreScaledToThePredictedRunsInput()
    {
        // After the merge the job reads twice the data and takes twice as long: per GiB nothing changed.
        var runs = Series(6, 3, 1.0).Select((r, i) => i >= 3 ? r with { InputBytes = 2L << 30, DurationMs = r.DurationMs * 2 } : r).ToList();
        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(600_000)], runs[^1])!;

        outcome.Result.ObservedDurationMs.Should().BeInRange(590_000, 610_000);
        outcome.Result.State.Should().Be("Inconclusive");
        outcome.RevertDue.Should().BeFalse();
    }

    [Fact]
    public void Evaluate_VerifiedChangeWhoseRunsBeforeLeftTheWindow_StaysVerifiedAndHoldsNothing()
    {
        // Fifty runs under the change, none before it any more: the verifier alone would say Pending.
        var runs = Series(50, 0, 0.7);
        Verifier.Verify(new Cohort("ns/job", runs), "fp1").Status.Should().Be(VerificationStatus.Pending);

        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(420_000, ProposalStatus.Verified) with { Note = "-30 % per GiB" }], runs[^1])!;

        outcome.NewStatus.Should().Be(ProposalStatus.Verified);
        outcome.Result.State.Should().Be("Verified");
        outcome.HoldsNewProposals.Should().BeFalse();
        outcome.RevertDue.Should().BeFalse();
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(VerificationOutcome.RevertHoldRuns, false)]
    public void Evaluate_RevertedChange_HoldsNewProposalsUntilTheRevertLooksDeclined(int runsSinceRevert, bool holds)
    {
        // The regression took 9 runs to show (more than the hold): only runs after the revert was opened count.
        var runs = Series(3 + 9 + runsSinceRevert, 3, 2.0);
        var reverted = Proposal(480_000, ProposalStatus.Reverted) with { RevertedAt = runs[11].Start };

        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [reverted], runs[^1])!;

        outcome.RevertDue.Should().BeFalse();
        outcome.RunsSinceRevert.Should().Be(runsSinceRevert);
        outcome.HoldsNewProposals.Should().Be(holds);
    }

    [Fact]
    public void Evaluate_EarlyInconclusiveThatLaterRegresses_IsRegressedAndRevertDue()
    {
        // Three runs barely slower (inside a wide small-sample band), then many three times as slow.
        var runs = Series(6, 3, 1.03);
        var early = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(480_000)], runs[^1])!;
        early.NewStatus.Should().Be(ProposalStatus.Inconclusive);

        runs.AddRange(Series(46, 0, 3.0).Skip(6).Select((r, i) => r with { RunId = $"later-{i}", Start = T0.AddHours(10 + i), ChangeId = "fp1" }));
        var later = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(480_000, ProposalStatus.Inconclusive)], runs[^1])!;

        later.NewStatus.Should().Be(ProposalStatus.Regressed);
        later.RevertDue.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_InconclusiveWhoseRunsBeforeLeftTheWindow_StaysInconclusive()
    {
        var runs = Series(50, 0, 1.0);

        var outcome = ChangeVerification.Evaluate(new Cohort("ns/job", runs), [Proposal(600_000, ProposalStatus.Inconclusive)], runs[^1])!;

        outcome.NewStatus.Should().Be(ProposalStatus.Inconclusive);
        outcome.HoldsNewProposals.Should().BeFalse();
    }
}
