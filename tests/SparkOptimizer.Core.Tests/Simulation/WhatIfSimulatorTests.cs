using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Tests.Simulation;

public sealed class WhatIfSimulatorTests
{
    private static readonly long[] EightSeconds = Enumerable.Repeat(1000L, 8).ToArray();

    /// <summary>One job, one stage of 8 x 1 s tasks on 1 executor x 2 cores: 4 s of stage, 1 s before, 0.5 s after.</summary>
    private static SparkRun OneStage() => new SyntheticRun()
        .Executors(1, 2)
        .Job(0, 1000, 5000, 0)
        .Stage(0, 0, 1000, 5000, EightSeconds)
        .Build(5500);

    [Fact]
    public void Simulate_OneStageAtObservedConfig_ReproducesExactDuration()
    {
        var session = WhatIfSimulator.Prepare(OneStage());

        session.Baseline.SimulatedMs.Should().Be(5500);
        session.Baseline.ObservedMs.Should().Be(5500);
        session.Baseline.ErrorPct.Should().Be(0);
        session.BaselineReplay.Stages.Should().ContainSingle().Which.SimulatedMs.Should().Be(4000);
    }

    [Fact]
    public void Simulate_FourExecutors_RunsAllTasksInOneWave()
    {
        var run = OneStage();
        var config = SimulationConfig.FromRun(run).With(new SimulationChange { Executors = 4 });

        var result = WhatIfSimulator.Simulate(run, config);

        result.DurationMs.Should().Be(1000 + 1000 + 500);
        result.PeakSlots.Should().Be(8);
        result.TaskCoreSeconds.Should().Be(8);
    }

    [Fact]
    public void Predict_MoreExecutors_IsFasterWithIntervalAroundIt()
    {
        var prediction = WhatIfSimulator.Predict(OneStage(), new SimulationChange { Executors = 2 });

        prediction.DurationMs.Should().Be(1000 + 2000 + 500);
        prediction.LowMs.Should().BeLessThanOrEqualTo(prediction.DurationMs);
        prediction.HighMs.Should().BeGreaterThan(prediction.DurationMs);
        prediction.Basis.Should().Be(PredictionBasis.Replay);
        prediction.ChangePct.Should().BeApproximately(-36.36, 0.01);
    }

    [Fact]
    public void Predict_FartherFromObservedConfig_HasWiderInterval()
    {
        var run = OneStage();

        var near = WhatIfSimulator.Predict(run, new SimulationChange { Executors = 2 });
        var far = WhatIfSimulator.Predict(run, new SimulationChange { Executors = 8 });

        static double Width(Prediction p) => (p.HighMs - p.LowMs) / (double)p.DurationMs;
        Width(far).Should().BeGreaterThan(Width(near));
    }

    [Fact]
    public void Simulate_ParallelParentsThenChild_ChildWaitsForBothParents()
    {
        // Stages 0 (2 x 2 s) and 1 (2 x 3 s) run side by side on 4 slots; stage 2 needs both.
        var run = new SyntheticRun()
            .Executors(2, 2)
            .Job(0, 0, 5000, 0, 1, 2)
            .Stage(0, 0, 0, 2000, [2000, 2000])
            .Stage(1, 0, 0, 3000, [3000, 3000])
            .Stage(2, 0, 3000, 5000, [2000], parents: [0, 1])
            .Build(5000);

        var result = WhatIfSimulator.Simulate(run, SimulationConfig.FromRun(run));

        result.Stages.Single(s => s.StageId == 2).SimulatedStartMs.Should().Be(3000);
        result.DurationMs.Should().Be(5000);
    }

    [Fact]
    public void Simulate_DriverGapBetweenJobs_IsKeptWhenJobsGetFaster()
    {
        var run = new SyntheticRun()
            .Executors(1, 1)
            .Job(0, 0, 4000, 0)
            .Stage(0, 0, 0, 4000, [1000, 1000, 1000, 1000])
            .Job(1, 10_000, 12_000, 1)
            .Stage(1, 1, 10_000, 12_000, [1000, 1000])
            .Build(13_000);
        var config = SimulationConfig.FromRun(run).With(new SimulationChange { Executors = 4 });

        var result = WhatIfSimulator.Simulate(run, config);

        // Job 0 takes 1 s, the 6 s driver gap stays, job 1 takes 1 s, 1 s of driver time at the end.
        result.DurationMs.Should().Be(1000 + 6000 + 1000 + 1000);
        result.Stages.Single(s => s.StageId == 1).SimulatedStartMs.Should().Be(7000);
    }

    [Fact]
    public void Simulate_ExecutorArrivingLate_TasksWaitForIt()
    {
        var run = new SyntheticRun()
            .Executors(1, 1, addedMs: 3000)
            .Job(0, 0, 5000, 0)
            .Stage(0, 0, 0, 5000, [1000, 1000])
            .Build(5000);

        var result = WhatIfSimulator.Simulate(run, SimulationConfig.FromRun(run));

        result.DurationMs.Should().Be(5000);
        result.ExecutorSeconds.Should().Be(2);
    }

    [Fact]
    public void Simulate_MoreMemoryForSpillingStage_LosesSpillTime()
    {
        var spill = new SyntheticRun.StageLoad(MemorySpillPerTask: 2L << 30, DiskSpillPerTask: 500L << 20, PeakMemoryPerTask: 1L << 30);
        var run = new SyntheticRun()
            .Executors(1, 2)
            .Job(0, 0, 40_000, 0)
            .Stage(0, 0, 0, 40_000, Enumerable.Repeat(20_000L, 4).ToArray(), load: spill)
            .Build(40_000);
        var observed = SimulationConfig.FromRun(run);

        var bigger = WhatIfSimulator.Simulate(run, observed.With(new SimulationChange { ExecutorMemory = new ByteSize(16L << 30) }));
        var smaller = WhatIfSimulator.Simulate(run, observed.With(new SimulationChange { ExecutorMemory = new ByteSize(2L << 30) }));

        bigger.DurationMs.Should().BeLessThan(40_000);
        smaller.DurationMs.Should().BeGreaterThan(40_000);
    }

    [Fact]
    public void Simulate_LessHeapForGcHeavyStage_GrowsGcTime()
    {
        var gc = new SyntheticRun.StageLoad(GcShare: 0.2);
        var run = new SyntheticRun()
            .Executors(1, 1)
            .Job(0, 0, 10_000, 0)
            .Stage(0, 0, 0, 10_000, [10_000], load: gc)
            .Build(10_000);
        var observed = SimulationConfig.FromRun(run);

        var halfHeap = WhatIfSimulator.Simulate(run, observed.With(new SimulationChange { ExecutorMemory = new ByteSize(2L << 30) }));

        // 4g -> 2g more than doubles the pressure on (heap - 300 MiB): GC share 20 % -> ~47 %.
        halfHeap.DurationMs.Should().BeInRange(12_000, 13_000);
    }

    [Fact]
    public void Simulate_FasterInstance_ScalesTaskTime()
    {
        var run = OneStage();
        var result = WhatIfSimulator.Simulate(run, SimulationConfig.FromRun(run).With(new SimulationChange { SpeedFactor = 2 }));

        result.DurationMs.Should().Be(1000 + 2000 + 500);
    }

    [Fact]
    public void Simulate_MoreShufflePartitions_SplitsNormalTasksButKeepsSkewedOne()
    {
        var durations = Enumerable.Repeat(1000L, 9).Append(20_000L).ToArray();
        var run = new SyntheticRun()
            .Conf("spark.sql.shuffle.partitions", "10")
            .Conf("spark.sql.adaptive.enabled", "false")
            .Executors(10, 1)
            .Job(0, 0, 20_000, 0)
            .Stage(0, 0, 0, 20_000, durations, load: new SyntheticRun.StageLoad(ShuffleReadPerTask: 1 << 20))
            .Build(20_000);
        var config = SimulationConfig.FromRun(run).With(new SimulationChange { ShufflePartitions = 20 });

        var result = WhatIfSimulator.Simulate(run, config);

        var stage = result.Stages.Single();
        stage.Tasks.Should().Be(10, "the replay reports the observed task count");
        result.TasksReplayed.Should().Be(20);
        result.DurationMs.Should().BeInRange(20_000, 20_500, "the hot key cannot be split");
        result.TaskCoreSeconds.Should().BeApproximately(29.1, 0.2);
    }

    [Theory]
    [InlineData(20, 10)]
    [InlineData(5, 5)]
    public void Simulate_AdaptiveCoalescingOn_PartitionsOnlyCapTheCoalescedCount(int partitions, int expectedTasks)
    {
        // 10 partitions of 1 MiB each: AQE (default on in Spark 3.5) would not split them further, only a lower cap merges them.
        var run = new SyntheticRun()
            .Conf("spark.sql.shuffle.partitions", "10")
            .Executors(10, 1)
            .Job(0, 0, 1000, 0)
            .Stage(0, 0, 0, 1000, Enumerable.Repeat(1000L, 10).ToArray(), load: new SyntheticRun.StageLoad(ShuffleReadPerTask: 1 << 20))
            .Build(1000);
        var config = SimulationConfig.FromRun(run);

        var result = WhatIfSimulator.Simulate(run, config.With(new SimulationChange { ShufflePartitions = partitions }));

        config.AdaptiveCoalescing.Should().BeTrue();
        result.TasksReplayed.Should().Be(expectedTasks);
    }

    [Fact]
    public void Repartition_FewerPartitions_CombinesNormalTasks()
    {
        var durations = Enumerable.Repeat(1010L, 100).ToArray();

        var result = TaskDurationModel.Repartition(durations, 50);

        result.Should().HaveCount(50).And.OnlyContain(d => d == 2010);
    }

    [Fact]
    public void Simulate_DynamicAllocationBounds_PaysOnlyForUsedExecutors()
    {
        var run = new SyntheticRun()
            .Executors(2, 1)
            .Job(0, 0, 1000, 0)
            .Stage(0, 0, 0, 1000, [1000, 1000])
            .Job(1, 200_000, 201_000, 1)
            .Stage(1, 1, 200_000, 201_000, [1000, 1000])
            .Build(201_000);
        var observed = SimulationConfig.FromRun(run);
        var dynamic = observed.With(new SimulationChange { DynamicAllocation = new DynamicAllocationBounds(0, 2) });

        var fixedPool = WhatIfSimulator.Simulate(run, observed);
        var elastic = WhatIfSimulator.Simulate(run, dynamic);

        fixedPool.ExecutorSeconds.Should().Be(402);
        elastic.ExecutorSeconds.Should().BeLessThan(fixedPool.ExecutorSeconds);
    }

    [Fact]
    public void Simulate_HugeSummarisedStage_KeepsTotalWorkWithBoundedEntries()
    {
        // 600,000 tasks of 100 ms kept as 4,096 quantile representatives, on 100 slots: 600 s of work, 600 s per slot.
        var run = new SyntheticRun().Executors(25, 4).Job(0, 0, 600_000, 0).Stage(0, 0, 0, 600_000, [100]).Build(600_000);
        var stage = run.Stages[0];
        var tasks = stage.Tasks with
        {
            TaskCount = 600_000,
            SucceededCount = 600_000,
            DurationMs = new Distribution(600_000, 100, 100, 100, 100, 100, 100, 100, 100, 60_000_000, false),
            Durations = Enumerable.Repeat(100L, 4096).ToArray(),
            DurationsExact = false,
        };
        run = run with { Stages = [stage with { NumTasks = 600_000, Tasks = tasks }] };

        var session = WhatIfSimulator.Prepare(run);
        var result = session.BaselineReplay;

        session.TaskCount.Should().Be(600_000);
        result.TasksReplayed.Should().Be(200_000, "groups of 3 keep the entries under the cap").And.BeLessThanOrEqualTo(SimulationDefaults.MaxReplayTasksPerStage);
        result.TaskCoreSeconds.Should().Be(60_000);
        result.DurationMs.Should().Be(600_000);
    }

    [Fact]
    public void Simulate_SameInputTwice_IsDeterministic()
    {
        var durations = Enumerable.Range(1, 500).Select(i => (long)(i * 37 % 1000) + 50).ToArray();
        var run = new SyntheticRun().Executors(3, 4).Job(0, 0, 30_000, 0).Stage(0, 0, 0, 30_000, durations).Build(30_000);
        var config = SimulationConfig.FromRun(run).With(new SimulationChange { Executors = 5 });

        WhatIfSimulator.Simulate(run, config).Should().BeEquivalentTo(WhatIfSimulator.Simulate(run, config));
    }

    [Fact]
    public void FromRun_ReadsExecutorShapeAndConf()
    {
        var run = new SyntheticRun()
            .Conf("spark.executor.memory", "8g")
            .Conf("spark.sql.shuffle.partitions", "400")
            .Conf("spark.dynamicAllocation.enabled", "true")
            .Conf("spark.dynamicAllocation.maxExecutors", "20")
            .Executors(3, 4)
            .Build(1000);

        var config = SimulationConfig.FromRun(run);

        config.Executors.Should().Be(3);
        config.CoresPerExecutor.Should().Be(4);
        config.ExecutorMemory.Should().Be(new ByteSize(8L << 30));
        config.ShufflePartitions.Should().Be(400);
        config.DynamicAllocation.Should().Be(new DynamicAllocationBounds(0, 20));
        config.UseObservedTimeline.Should().BeTrue();
        config.With(new SimulationChange { Executors = 5 }).UseObservedTimeline.Should().BeFalse();
    }

    [Fact]
    public void FromSparkConf_ReadsKeys()
    {
        var change = SimulationChange.FromSparkConf(new Dictionary<string, string>
        {
            ["spark.executor.instances"] = "6",
            ["spark.executor.memory"] = "6g",
            ["spark.sql.shuffle.partitions"] = "64",
        });

        change.Executors.Should().Be(6);
        change.ExecutorMemory.Should().Be(new ByteSize(6L << 30));
        change.ShufflePartitions.Should().Be(64);
    }
}
