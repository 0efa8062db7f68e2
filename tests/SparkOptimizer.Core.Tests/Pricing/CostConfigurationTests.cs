using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;
using SparkOptimizer.Tests.Simulation;

namespace SparkOptimizer.Tests.Pricing;

public sealed class CostConfigurationTests
{
    private const long Hour = 3_600_000;

    private static SparkRun Run(VendorInfo vendor, string master = "k8s://x") => new SyntheticRun()
        .Conf("spark.master", master)
        .Vendor(vendor)
        .Executors(2, 2)
        .Job(0, 0, Hour, 0)
        .Stage(0, 0, 0, Hour, Enumerable.Repeat(Hour, 4).ToArray())
        .Build(Hour);

    [Fact]
    public void PriceConfiguration_ObservedConfigOnKubernetes_MatchesTheRunsPrice()
    {
        var run = Run(VendorInfo.Unknown);
        var options = new CostOptions { InstanceType = "m5.xlarge" };

        var config = CostModel.PriceConfiguration(run, 2, 2, new ByteSize(4L << 30), executorHours: 2, durationHours: 1, options);

        config!.Value.Amount.Should().BeApproximately(CostModel.Price(run, options).Cost!.Value.Amount, 0.0002m);
    }

    [Fact]
    public void PriceConfiguration_PredictionWithFewerExecutors_CostsExecutorHoursItPredicts()
    {
        var run = Run(VendorInfo.Unknown);
        var prediction = WhatIfSimulator.Predict(run, new SimulationChange { Executors = 1 });

        var cost = CostModel.PriceConfiguration(run, 1, prediction.Config.CoresPerExecutor, prediction.Config.ExecutorMemory,
            prediction.ExecutorSeconds / 3600, prediction.DurationMs / 3_600_000.0, new CostOptions { InstanceType = "m5.xlarge" });

        prediction.DurationMs.Should().Be(2 * Hour);
        prediction.ExecutorSeconds.Should().BeApproximately(7200, 1);
        cost.Should().NotBeNull();
    }

    [Fact]
    public void PriceConfiguration_Emr_PaysNodesThatHoldTheExecutors()
    {
        var run = Run(VendorInfo.Unknown with { Platform = Platform.Emr, InstanceType = "m5.xlarge", Workers = 2 }, master: "yarn");

        // 3-core executors (8g heap, 8.8 GiB request): one per m5.xlarge by CPU (3.92 allocatable cores), so 6 executors need 6 nodes.
        var cost = CostModel.PriceConfiguration(run, 6, 3, new ByteSize(8L << 30), executorHours: 6, durationHours: 1);

        cost!.Value.Amount.Should().Be(6 * (0.192m + 0.048m));
    }
}
