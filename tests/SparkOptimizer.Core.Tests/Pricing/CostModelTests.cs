using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Testing;
using SparkOptimizer.Tests.Simulation;

namespace SparkOptimizer.Tests.Pricing;

public sealed class CostModelTests
{
    private const long Hour = 3_600_000;
    private const long HalfHour = Hour / 2;

    /// <summary>2 executors x 2 cores for 1 h; one job keeps all 4 cores busy for 30 min, then 30 min of driver-only time.</summary>
    private static SparkRun HalfBusy(VendorInfo? vendor = null, string master = "k8s://https://kube") => new SyntheticRun()
        .Conf("spark.master", master)
        .Conf("spark.driver.memory", "2g")
        .Vendor(vendor ?? VendorInfo.Unknown)
        .Executors(2, 2)
        .Job(0, 0, HalfHour, 0)
        .Stage(0, 0, 0, HalfHour, Enumerable.Repeat(HalfHour, 4).ToArray())
        .Build(Hour);

    private static VendorInfo Vendor(Platform platform, string type, int workers, string cloud = "aws") =>
        VendorInfo.Unknown with { Platform = platform, InstanceType = type, Workers = workers, Cloud = cloud };

    [Fact]
    public void Footprint_HalfBusyRun_SplitsPaidCoresByCause()
    {
        var f = RunFootprint.FromRun(HalfBusy());

        f.ExecutorHours.Should().Be(2);
        f.CoreHours.Should().Be(4);
        f.TaskCoreHours.Should().Be(2);
        f.DriverOnlyCoreHours.Should().Be(2);
        f.IdleCoreHours.Should().Be(0);
        f.Utilisation.Should().Be(0.5);
        f.ExecutorMemoryRequest.TotalMiB.Should().BeApproximately(4096 + 409.6, 0.01);
    }

    [Fact]
    public void Price_KubernetesWithInstanceType_ChargesPodsAtOpenCostRates()
    {
        var report = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge" });

        var rates = KubernetesCostSplit.Split(0.192m, 4, 16);
        var executorGiB = (4096 + 409.6) / 1024;
        var expected = rates.Charge(4, 2 * executorGiB) + rates.Charge(1, (2048 + 384) / 1024.0);
        report.Cost!.Value.Amount.Should().BeApproximately(expected.Amount, 0.0001m);
        report.Source!.Date.Should().Be("2025-01-15");
        report.Method.Should().Contain("max(request, usage)");
        report.Utilisation.Should().Be(0.5);
        var driverOnly = report.Waste.Single(w => w.Cause == WasteCause.DriverOnlyTime);
        driverOnly.CoreHours.Should().Be(2);
        driverOnly.Cost!.Value.Amount.Should().BeApproximately(2 * rates.PerCoreHour, 0.0001m);
        driverOnly.Share.Should().Be(0.5);
    }

    [Fact]
    public void Price_FallbackInstanceType_UsedOnlyWhenNeitherTheOptionsNorTheLogNameOne()
    {
        var fallback = CostModel.Price(HalfBusy(), new CostOptions { FallbackInstanceType = "m5.xlarge" });
        var explicitType = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge" });
        fallback.Cost!.Value.Amount.Should().Be(explicitType.Cost!.Value.Amount, "with no type in the log the fallback prices the run");

        var named = HalfBusy(master: "k8s://https://kube") is var run
            ? run with { Environment = run.Environment with { SparkProperties = new Dictionary<string, string>(run.Environment.SparkProperties) { ["spark.kubernetes.node.selector.node.kubernetes.io/instance-type"] = "r5.xlarge" } } }
            : null;
        var selector = CostModel.Price(named!, new CostOptions { FallbackInstanceType = "m5.xlarge" });
        var selectorExplicit = CostModel.Price(named!, new CostOptions { InstanceType = "r5.xlarge" });
        selector.Cost!.Value.Amount.Should().Be(selectorExplicit.Cost!.Value.Amount, "the node selector the log names beats the fallback");
        selector.Cost!.Value.Amount.Should().NotBe(fallback.Cost!.Value.Amount);
    }

    [Fact]
    public void Price_NoInstanceType_ChargesPodHoursAtOpenCostDefaultRates()
    {
        var report = CostModel.Price(HalfBusy());

        // config/pricing/opencost-default.yaml: 0.031611 per vCPU-hour, 0.004237 per GiB-hour. Executors: 2 x 2 cores for
        // 1 h, each 4 GiB heap + 409.6 MiB overhead; driver: 1 core, 2 GiB + 384 MiB, for the 1 h run.
        var coreHours = (2 * 2 * 1.0) + 1.0;
        var gibHours = (2 * (4096 + 409.6) / 1024) + ((2048 + 384) / 1024.0);
        var expected = (0.031611m * (decimal)coreHours) + (0.004237m * (decimal)gibHours);
        report.Basis.Should().Be(CostBasis.OpenCostDefaultRates);
        report.Cost!.Value.Amount.Should().BeApproximately(expected, 0.0001m);
        report.PricedCoreHours.Should().Be(coreHours);
        report.PricedGiBHours.Should().BeApproximately(gibHours, 1e-6);
        report.Source!.File.Should().Be("config/pricing/opencost-default.yaml");
        report.Summary().Should().StartWith(report.Cost!.Value.ToString()).And.Contain("OpenCost default rates: 0.031611/vCPU-hour, 0.004237/GiB-hour");
        report.Waste.Single(w => w.Cause == WasteCause.DriverOnlyTime).Cost!.Value.Amount.Should().BeApproximately(2 * 0.031611m, 0.0001m);
        report.Notes.Should().Contain(n => n.Contains("OpenCost's default rates", StringComparison.Ordinal));
    }

    [Fact]
    public void Price_PricingOff_ReportsHoursNotMoney()
    {
        var report = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge", Enabled = false });

        report.Cost.Should().BeNull();
        report.Basis.Should().Be(CostBasis.Unpriced);
        report.Waste.Should().OnlyContain(w => w.Cost == null);
        report.Summary().Should().Be("2 executor-hours, 4 core-hours (not priced)");
        report.Notes.Should().Contain(n => n.Contains("pricing turned off", StringComparison.Ordinal));
    }

    [Fact]
    public void Price_UnknownInstanceType_FallsBackToOpenCostRatesAndSaysWhy()
    {
        var unknown = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "z9.mega" });
        var none = CostModel.Price(HalfBusy());

        unknown.Basis.Should().Be(CostBasis.OpenCostDefaultRates);
        unknown.Cost.Should().Be(none.Cost, "a type with no price is charged like a run with no type");
        unknown.Notes.Should().Contain(n => n.Contains("z9.mega", StringComparison.Ordinal));
    }

    [Fact]
    public void Price_SpotCapacityWithoutNodePrice_UsesOpenCostSpotRates()
    {
        var onDemand = CostModel.Price(HalfBusy());
        var spot = CostModel.Price(HalfBusy(), new CostOptions { Capacity = CapacityType.Spot });

        var ratio = (double)(spot.Cost!.Value.Amount / onDemand.Cost!.Value.Amount);
        // opencost-default.yaml: spot 0.006655/vCPU-h and 0.000892/GiB-h, about 21 % of the on-demand rates for both.
        ratio.Should().BeApproximately(0.006655 / 0.031611, 0.002);
    }

    [Fact]
    public void Price_EmrOnEc2_PaysNodesWithEmrUplift()
    {
        var report = CostModel.Price(HalfBusy(Vendor(Platform.Emr, "r5.2xlarge", 10), master: "yarn"));

        report.Cost!.Value.Amount.Should().Be(10 * (0.504m + 0.126m));
        report.Method.Should().Contain("EMR 0.126/h");
    }

    [Fact]
    public void Price_Databricks_AddsDbusAtSkuPrice()
    {
        var report = CostModel.Price(HalfBusy(Vendor(Platform.Databricks, "m5.xlarge", 4), master: "spark://x"));

        report.Cost!.Value.Amount.Should().Be(4 * (0.192m + (0.69m * 0.15m)));
    }

    [Fact]
    public void Price_Dataproc_AddsPerVcpuFee()
    {
        var report = CostModel.Price(HalfBusy(Vendor(Platform.Dataproc, "n2-standard-4", 2, "gcp"), master: "yarn"));

        report.Cost!.Value.Amount.Should().BeApproximately(2 * (0.194236m + (4 * 0.010m)), 0.0001m);
    }

    [Fact]
    public void Price_EmrOnEks_AddsVcpuAndMemoryCharges()
    {
        var plain = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge" });
        var eks = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge", EmrOnEks = true });

        var coreHours = 4 + 1.0;
        var gibHours = (2 * (4096 + 409.6) / 1024) + ((2048 + 384) / 1024.0);
        var uplift = (0.01012m * (decimal)coreHours) + (0.00111125m * (decimal)gibHours);
        (eks.Cost!.Value.Amount - plain.Cost!.Value.Amount).Should().BeApproximately(uplift, 0.0001m);
    }

    [Fact]
    public void Price_SpotNodeSelector_UsesSpotPrice()
    {
        var run = HalfBusy() with { };
        var spotRun = new SyntheticRun()
            .Conf("spark.kubernetes.node.selector.karpenter.sh/capacity-type", "spot")
            .Conf("spark.kubernetes.node.selector.node.kubernetes.io/instance-type", "m5.xlarge")
            .Executors(2, 2)
            .Job(0, 0, HalfHour, 0)
            .Stage(0, 0, 0, HalfHour, Enumerable.Repeat(HalfHour, 4).ToArray())
            .Build(Hour);

        var onDemand = CostModel.Price(run, new CostOptions { InstanceType = "m5.xlarge" });
        var spot = CostModel.Price(spotRun);

        spot.Capacity.Should().Be(CapacityType.Spot);
        spot.InstanceType.Should().Be("m5.xlarge");
        spot.Cost!.Value.Amount.Should().BeLessThan(onDemand.Cost!.Value.Amount);
    }

    [Fact]
    public void Price_UnusedMemory_IsPricedWhenPeaksAreKnown()
    {
        var run = new SyntheticRun()
            .Executors(2, 2, peakRss: 1L << 30)
            .Job(0, 0, Hour, 0)
            .Stage(0, 0, 0, Hour, Enumerable.Repeat(Hour, 4).ToArray())
            .Build(Hour);

        var report = CostModel.Price(run, new CostOptions { InstanceType = "m5.xlarge" });

        var memory = report.Waste.Single(w => w.Cause == WasteCause.UnusedMemory);
        memory.GiBHours.Should().BeApproximately(2 * (((4096 + 409.6) / 1024) - 1), 0.001);
        memory.Cost.Should().NotBeNull();
    }

    [Fact]
    public void Price_SkewedStage_ChargesTheTailToSkew()
    {
        // 8 cores; 7 tasks of 1 min and one of 20 min: the other 7 cores wait ~19 min.
        var durations = Enumerable.Repeat(60_000L, 7).Append(1_200_000L).ToArray();
        var run = new SyntheticRun()
            .Executors(2, 4)
            .Job(0, 0, 1_200_000, 0)
            .Stage(0, 0, 0, 1_200_000, durations)
            .Build(1_200_000);

        var f = RunFootprint.FromRun(run);

        f.SkewTailCoreHours.Should().BeApproximately(7 * 1_140_000 / 3_600_000.0, 0.001);
    }

    [Fact]
    public void Price_UnderusedPool_RecommendsCheaperShape()
    {
        // 10 executors x 4 cores on m5.2xlarge for 1 h, but only 8 tasks run (8 cores busy).
        var run = new SyntheticRun()
            .Conf("spark.kubernetes.node.selector.node.kubernetes.io/instance-type", "m5.2xlarge")
            .Executors(10, 4)
            .Job(0, 0, Hour, 0)
            .Stage(0, 0, 0, Hour, Enumerable.Repeat(Hour, 8).ToArray())
            .Build(Hour);

        var sizing = CostModel.Price(run).RightSizing!;

        sizing.CurrentNodes.Should().Be(10);
        sizing.CurrentCost.Amount.Should().Be(3.84m);
        sizing.RecommendedCost.Amount.Should().BeLessThan(sizing.CurrentCost.Amount);
        (sizing.RecommendedExecutors * sizing.RecommendedCoresPerExecutor).Should().BeGreaterThanOrEqualTo(11, "8 busy cores at 75 % target utilisation");
        sizing.Lines()[0].Should().Be("Current: 10 x m5.2xlarge = $3.84/run");
        sizing.Lines()[1].Should().StartWith("Recommended: ");
        sizing.Lines()[2].Should().MatchRegex(@"^Savings: \$\d+\.\d\d/run \(\d+%\)$");
    }

    [Fact]
    public void Spot_ShortStagesAndRetries_IsSuitableWithSpotCost()
    {
        var report = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge" });

        report.Spot.Suitable.Should().BeTrue();
        report.Spot.SpotCost!.Value.Amount.Should().BeApproximately(report.Cost!.Value.Amount * 0.077m / 0.192m, 0.0001m);
        report.Spot.Savings!.Value.Amount.Should().BePositive();
    }

    [Fact]
    public void Spot_LongStageAndNoRetries_IsNotSuitable()
    {
        var run = new SyntheticRun()
            .Conf("spark.task.maxFailures", "1")
            .Executors(2, 2)
            .Job(0, 0, Hour, 0)
            .Stage(0, 0, 0, Hour, Enumerable.Repeat(Hour, 4).ToArray())
            .Build(Hour);

        var spot = CostModel.Price(run).Spot;

        spot.Suitable.Should().BeFalse();
        spot.Reasons.Should().Contain(r => r.Contains("longest stage", StringComparison.Ordinal));
        spot.Reasons.Should().Contain(r => r.Contains("maxFailures=1", StringComparison.Ordinal));
    }

    [Fact]
    public void Reserved_DailyOneHourRun_IsNotWorthReserving()
    {
        var advice = ReservedCapacityAdvisor.Advise(30, 4, 1, new Money(5m), 0.37m);

        advice.Recommended.Should().BeFalse();
        advice.BusyShareOfMonth.Should().BeApproximately(30 / 730.0, 1e-9);
        advice.Advice.Should().Contain("do not reserve");
    }

    [Fact]
    public void Reserved_NearlyContinuousSchedule_IsRecommendedWithSavings()
    {
        var advice = ReservedCapacityAdvisor.Advise(700, 4, 1, new Money(5m), 0.37m);

        advice.Recommended.Should().BeTrue();
        advice.MonthlySavings!.Value.Amount.Should().Be(5m * 700 * 0.37m);
    }

    [Fact]
    public void Price_WithRunsPerMonth_IncludesReservedSuggestion()
    {
        var report = CostModel.Price(HalfBusy(), new CostOptions { InstanceType = "m5.xlarge", RunsPerMonth = 30 });

        report.Reserved.Should().NotBeNull();
        report.Reserved!.Recommended.Should().BeFalse();
    }

    [Fact]
    public void Price_DatabricksCorpusLog_UsesClusterTagsForNodesAndDbus()
    {
        var input = new LocalEventLogLocator().Locate(Corpus.Path("spark_log_parser/databricks.json.gz"))[0];
        var run = new EventLogReader().Read(input);

        var report = CostModel.Price(run);

        report.InstanceType.Should().Be("m5.4xlarge");
        report.Platform.Should().Be(Platform.Databricks);
        report.Cost.Should().NotBeNull();
        report.Method.Should().Contain("4 worker nodes").And.Contain("DBU");
    }

    [Fact]
    public void Price_EveryCorpusLog_GivesMoneyOrHoursNeverBoth()
    {
        foreach (var input in new LocalEventLogLocator().Locate(Corpus.EventLogs))
        {
            SparkRun run;
            try
            {
                run = new EventLogReader().Read(input);
            }
            catch (EventLogFormatException)
            {
                continue;
            }

            var report = CostModel.Price(run);

            report.ExecutorHours.Should().BeGreaterThanOrEqualTo(0, input.Path);
            report.Utilisation.Should().BeInRange(0, 1, input.Path);
            if (report.Cost is null)
            {
                report.Summary().Should().Contain("executor-hours", input.Path);
            }
        }
    }
}
