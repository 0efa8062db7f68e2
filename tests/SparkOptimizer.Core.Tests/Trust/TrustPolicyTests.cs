using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Trust;
using static SparkOptimizer.Tests.Trust.CohortTests;

namespace SparkOptimizer.Tests.Trust;

public sealed class TrustPolicyTests
{
    private static readonly SparkEnvironment Env = SparkEnvironment.Empty with { SparkProperties = new Dictionary<string, string> { [ExecutorMemory.Heap] = "8g" } };

    private static readonly Cohort WithHistory = new("job", [Run(0), Run(1), Run(2, change: "c1"), Run(3, change: "c1")]);

    private static ConfigChange Change(string key, string to) => new(key, null, to, "test") { FindingIds = ["f1"] };

    private static readonly ConfigChange Partitions = Change("spark.sql.shuffle.partitions", "800");

    [Theory]
    [InlineData(TrustLevel.Observe, false, false, false)]
    [InlineData(TrustLevel.Recommend, true, false, false)]
    [InlineData(TrustLevel.PullRequest, true, true, false)]
    [InlineData(TrustLevel.AutoMerge, true, true, true)]
    public void Decide_EachLevel_AllowsExactlyItsActions(TrustLevel level, bool recommendations, bool pullRequest, bool autoMerge)
    {
        var decision = new TrustPolicy().Decide(level, [Partitions], Env, WithHistory);
        decision.ShowFindings.Should().BeTrue();
        decision.ShowRecommendations.Should().Be(recommendations);
        decision.OpenPullRequest.Should().Be(pullRequest);
        decision.AutoMerge.Should().Be(autoMerge);
        decision.Effective.Should().Be(level);
    }

    [Fact]
    public void Decide_FleetCeilingPullRequest_NoAutoMerge()
    {
        var decision = new TrustPolicy(TrustLevel.PullRequest).Decide(TrustLevel.AutoMerge, [Partitions], Env, WithHistory);
        decision.AutoMerge.Should().BeFalse();
        decision.Effective.Should().Be(TrustLevel.PullRequest);
    }

    [Fact]
    public void Decide_MemoryDecrease_NeverAutoMerged() =>
        new TrustPolicy().Decide(TrustLevel.AutoMerge, [Change(ExecutorMemory.Heap, "6g")], Env, WithHistory).AutoMerge.Should().BeFalse();

    [Fact]
    public void Decide_ExecutorCount_NotLowRisk() =>
        new TrustPolicy().Decide(TrustLevel.AutoMerge, [Partitions, Change("spark.executor.instances", "20")], Env, WithHistory).AutoMerge.Should().BeFalse();

    [Fact]
    public void Decide_FirstChangeForCohort_NeverAutoMerged()
    {
        var decision = new TrustPolicy().Decide(TrustLevel.AutoMerge, [Change("spark.speculation", "true")], Env, new Cohort("job", [Run(0), Run(1), Run(2)]));
        decision.AutoMerge.Should().BeFalse();
        decision.OpenPullRequest.Should().BeTrue();
        decision.Reasons.Should().ContainMatch("*first change*");
    }

    [Fact]
    public void Decide_GainInsideNoise_NoPullRequestWithReason()
    {
        var noise = new NoiseDecision(false, 0.03, 0.2, "predicted gain 3 % is below 2 x the run-to-run variation");
        var decision = new TrustPolicy().Decide(TrustLevel.PullRequest, [Partitions], Env, WithHistory, noise);
        decision.OpenPullRequest.Should().BeFalse();
        decision.Effective.Should().Be(TrustLevel.Recommend);
        decision.Reasons.Should().Contain(noise.Reason);
    }
}
