using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class VerifierTests
{
    [Fact]
    public void Verify_TwoRunsAfter_Pending()
    {
        var runs = ReplayedHistory.Series(new Random(5), 7, 0.05, changeAt: 5, effect: 0.5);
        Verifier.Verify(new Cohort("job", runs), "c1").Status.Should().Be(VerificationStatus.Pending);
    }

    [Fact]
    public void Verify_HalvedDuration_Verified()
    {
        var runs = ReplayedHistory.Series(new Random(6), 10, 0.05, changeAt: 7, effect: 0.5);
        Verifier.Verify(new Cohort("job", runs), "c1").Status.Should().Be(VerificationStatus.Verified);
    }

    [Fact]
    public void Verify_HalvedDurationEightRuns_PendingUntilTenRuns()
    {
        var runs = ReplayedHistory.Series(new Random(6), 8, 0.05, changeAt: 5, effect: 0.5);
        var verification = Verifier.Verify(new Cohort("job", runs), "c1");
        verification.Status.Should().Be(VerificationStatus.Pending);
        verification.Reason.Should().Contain("looks faster");
    }

    [Fact]
    public void Verify_DoubledDuration_Regressed()
    {
        var runs = ReplayedHistory.Series(new Random(7), 8, 0.05, changeAt: 5, effect: 2.0);
        Verifier.Verify(new Cohort("job", runs), "c1").Status.Should().Be(VerificationStatus.Regressed);
    }

    [Fact]
    public void Interval_FourTimesTheExecutors_ExtrapolatedAndWidened()
    {
        var interval = Verifier.Interval(100_000, 80_000, 120_000, 10, 40, 8, 8);
        interval.Extrapolated.Should().BeTrue();
        interval.LowMs.Should().Be(60_000);
        interval.HighMs.Should().Be(140_000);
        Verifier.Interval(100_000, 80_000, 120_000, 10, 15, 8, 8).Extrapolated.Should().BeFalse();
    }
}
