using SparkOptimizer.Model;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class CohortTests
{
    internal static CohortRun Run(int i, long peak = ByteSize.GiB, bool oom = false, RunFailureClass failure = RunFailureClass.None, string? change = null) =>
        new($"r{i}", null, 60_000, ByteSize.GiB, peak, oom ? RunFailureClass.Application : failure, oom, change);

    [Fact]
    public void State_TwoRuns_LearningAndLowConfidence()
    {
        var cohort = new Cohort("job", [Run(0), Run(1)]);
        cohort.State.Should().Be(CohortState.Learning);
        cohort.LowConfidence.Should().BeTrue();
    }

    [Fact]
    public void State_ThreeRunsOneInfrastructure_StillLearning() =>
        new Cohort("job", [Run(0), Run(1), Run(2, failure: RunFailureClass.Infrastructure)]).State.Should().Be(CohortState.Learning);

    [Fact]
    public void State_ThreeRuns_Established() =>
        new Cohort("job", [Run(0), Run(1), Run(2)]).State.Should().Be(CohortState.Established);

    [Fact]
    public void InMemoryCooldown_OomTwoRunsAgo_TrueThenFalseAfterThree()
    {
        new Cohort("job", [Run(0), Run(1, oom: true), Run(2), Run(3)]).InMemoryCooldown.Should().BeTrue();
        new Cohort("job", [Run(0), Run(1, oom: true), Run(2), Run(3), Run(4)]).InMemoryCooldown.Should().BeFalse();
    }

    [Fact]
    public void MemoryFloor_HighestPeak_TimesOnePointTwo() =>
        new Cohort("job", [Run(0, 2 * ByteSize.GiB), Run(1, 5 * ByteSize.GiB), Run(2)]).MemoryFloorBytes.Should().Be(6 * ByteSize.GiB);

    [Fact]
    public void From_RealLog_ReadsDurationInputAndPeak()
    {
        var run = ReplayedHistory.Base;
        run.DurationMs.Should().BePositive();
        run.Failure.Should().NotBe(RunFailureClass.Infrastructure);
    }
}
