using SparkOptimizer.Simulation;

namespace SparkOptimizer.Tests.Simulation;

public sealed class WhatIfSearchTests
{
    [Fact]
    public void Cheapest_WithSla_PicksCheapestThatMeetsIt()
    {
        var run = new SyntheticRun()
            .Executors(4, 2)
            .Job(0, 0, 8000, 0)
            .Stage(0, 0, 0, 8000, Enumerable.Repeat(1000L, 64).ToArray())
            .Build(8000);
        var session = WhatIfSimulator.Prepare(run);
        var candidates = new[] { 1, 2, 4, 8, 16 }.Select(e => new SimulationChange { Executors = e }).ToArray();

        var outcome = WhatIfSearch.Cheapest(session, candidates, slaMs: 20_000, cost: p => p.Config.Executors);

        outcome.Best!.Change.Executors.Should().Be(2, "1 executor needs 32 s, beyond the SLA; 2 executors (16 s) are the cheapest that meet it");
        outcome.Best.Prediction.HighMs.Should().BeLessThanOrEqualTo(20_000);
        outcome.Evaluated.Should().HaveCount(5);
    }

    [Fact]
    public void Cheapest_NothingMeetsSla_ReturnsNoBest()
    {
        var run = new SyntheticRun().Executors(1, 1).Job(0, 0, 5000, 0).Stage(0, 0, 0, 5000, [5000]).Build(5000);

        var outcome = WhatIfSearch.Cheapest(WhatIfSimulator.Prepare(run), [new SimulationChange { Executors = 4 }], slaMs: 1000, cost: p => p.CoreSeconds);

        outcome.Best.Should().BeNull();
        outcome.Evaluated.Should().ContainSingle().Which.MeetsSla.Should().BeFalse();
    }

    [Fact]
    public void Candidates_AroundObservedConfig_CoverSmallerAndLargerPools()
    {
        var observed = SimulationConfig.FromRun(new SyntheticRun().Executors(10, 4).Build(1000));

        var candidates = WhatIfSearch.Candidates(observed);

        candidates.Should().Contain(c => c.Executors * c.CoresPerExecutor < 40);
        candidates.Should().Contain(c => c.Executors * c.CoresPerExecutor > 40);
        candidates.Should().OnlyHaveUniqueItems();
    }
}
