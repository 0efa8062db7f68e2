using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class NoiseFloorTests
{
    [Fact]
    public void Estimate_TwoRuns_UnknownAndNoPullRequest()
    {
        var floor = NoiseFloor.Estimate(new Cohort("job", ReplayedHistory.Series(new Random(1), 2, 0.1)));
        var decision = floor.ShouldOpenPullRequest(0.5);
        decision.Open.Should().BeFalse();
        decision.Reason.Should().Contain("unknown");
    }

    [Fact]
    public void Estimate_ReplayedRealLogWithTenPercentNoise_CvNearTenPercent()
    {
        var floor = NoiseFloor.Estimate(new Cohort("job", ReplayedHistory.Series(new Random(2), 30, 0.1)));
        floor.CoefficientOfVariation.Should().BeInRange(0.06, 0.14, "input-size variation is normalised away; only the 10 % noise stays");
    }

    [Fact]
    public void ShouldOpenPullRequest_GainBelowTwiceVariation_FalseWithReason()
    {
        var floor = NoiseFloor.Estimate(new Cohort("job", ReplayedHistory.Series(new Random(3), 10, 0.1)));
        var small = floor.ShouldOpenPullRequest(floor.CoefficientOfVariation * 1.5);
        small.Open.Should().BeFalse();
        small.Reason.Should().Contain("below 2 x the run-to-run variation");
        floor.ShouldOpenPullRequest(floor.CoefficientOfVariation * 2.5).Open.Should().BeTrue();
    }

    [Fact]
    public void Estimate_RunsUnderAnEarlierChange_OnlyCurrentConfigurationCounts()
    {
        var runs = ReplayedHistory.Series(new Random(4), 12, 0.05, changeAt: 8, effect: 0.5);
        NoiseFloor.Estimate(new Cohort("job", runs)).Runs.Should().Be(4);
    }

    [Fact]
    public void Estimate_FailedAndInfrastructureRuns_Ignored()
    {
        var runs = ReplayedHistory.Series(new Random(5), 6, 0.05);
        runs[1] = runs[1] with { Succeeded = false, DurationMs = 1_000 };
        runs[2] = runs[2] with { Failure = RunFailureClass.Infrastructure, DurationMs = 5_000_000 };
        var floor = NoiseFloor.Estimate(new Cohort("job", runs));
        floor.Runs.Should().Be(4);
        floor.CoefficientOfVariation.Should().BeLessThan(0.15);
    }
}
