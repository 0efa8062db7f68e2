using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Tests.Simulation;

/// <summary>The replay's memory follows the tasks it replays, not the executors it is given (issue 20, point 1).</summary>
public sealed class SimulatorBoundsTests
{
    private static SparkRun OneStage() => new SyntheticRun()
        .Executors(1, 2)
        .Job(0, 1000, 5000, 0)
        .Stage(0, 0, 1000, 5000, Enumerable.Repeat(1000L, 8).ToArray())
        .Build(5500);

    [Fact]
    public void Simulate_TwoBillionExecutorsOfTwoBillionCores_FinishesInBoundedMemoryAndPaysForEveryExecutor()
    {
        var run = OneStage();
        var before = GC.GetTotalAllocatedBytes();

        var huge = WhatIfSimulator.Simulate(run, SimulationConfig.FromRun(run).With(new SimulationChange { Executors = 2_000_000_000, CoresPerExecutor = 2_000_000_000 }));

        (GC.GetTotalAllocatedBytes() - before).Should().BeLessThan(64L << 20);
        huge.DurationMs.Should().Be(2500, "every task has a slot at once");
        var four = WhatIfSimulator.Simulate(run, SimulationConfig.FromRun(run).With(new SimulationChange { Executors = 4 }));
        huge.ExecutorSeconds.Should().BeApproximately(four.ExecutorSeconds * 500_000_000, four.ExecutorSeconds, "executors without a slot are still paid for");
    }

    [Fact]
    public void Simulate_DynamicAllocationUpToTwoBillion_KeepsItsMinimumPaidAndTheRestIdle()
    {
        var run = OneStage();
        var target = SimulationConfig.FromRun(run).With(new SimulationChange { DynamicAllocation = new DynamicAllocationBounds(100, 2_000_000_000) });

        var result = WhatIfSimulator.Simulate(run, target);

        result.DurationMs.Should().BeLessThan(5500);
        var hundred = WhatIfSimulator.Simulate(run, SimulationConfig.FromRun(run).With(new SimulationChange { DynamicAllocation = new DynamicAllocationBounds(100, 100) }));
        result.ExecutorSeconds.Should().BeApproximately(hundred.ExecutorSeconds, 1, "past its minimum an idle executor is released");
    }

    [Theory]
    [InlineData(2_000_000_000, null, "executors (spark.executor.instances) 2000000000 is out of range")]
    [InlineData(null, 2_000_000_000, "cores per executor (spark.executor.cores) 2000000000 is out of range")]
    public void OutOfBounds_AbsurdTarget_NamesTheSettingAndItsRange(int? executors, int? cores, string expected)
    {
        var change = new SimulationChange { Executors = executors, CoresPerExecutor = cores };

        change.OutOfBounds().Should().StartWith(expected);
        new SimulationChange { Executors = 8, CoresPerExecutor = 4 }.OutOfBounds().Should().BeNull();
    }
}
