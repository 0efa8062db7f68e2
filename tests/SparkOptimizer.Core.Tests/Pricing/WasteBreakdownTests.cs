using System.Text.Json;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;
using SparkOptimizer.Tests.Simulation;

namespace SparkOptimizer.Tests.Pricing;

/// <summary>Waste in money by cause: idle cores, driver-only time, skew tail, unused memory and failed attempts, which with useful work add up to the cost.</summary>
public sealed class WasteBreakdownTests
{
    private const long Hour = 3_600_000;
    private const long HalfHour = Hour / 2;
    private const long Quarter = Hour / 4;

    /// <summary>2 executors x 2 cores for 1 h, one job all along: stage 0 (4 tasks of 30 min) fails and stage 1 (4 tasks of 15 min, 2 more failed) succeeds.</summary>
    private static SparkRun WithFailures()
    {
        var run = new SyntheticRun()
            .Conf("spark.master", "k8s://https://kube")
            .Conf("spark.driver.memory", "2g")
            .Executors(2, 2)
            .Job(0, 0, Hour, 0, 1)
            .Stage(0, 0, 0, HalfHour, Enumerable.Repeat(HalfHour, 4).ToArray())
            .Stage(1, 0, HalfHour, Hour, Enumerable.Repeat(Quarter, 4).ToArray())
            .Build(Hour);
        var failed = run.Stages[0] with { Status = StageStatus.Failed, FailureReason = "FetchFailed" };
        var retried = run.Stages[1] with { Tasks = run.Stages[1].Tasks with { TaskCount = 6, FailedCount = 2 } };
        return run with { Stages = [failed, retried] };
    }

    [Fact]
    public void Price_FailedStageAndTasks_ChargesThemToFailedAttemptsAndTheRestAddsUp()
    {
        var report = CostModel.Price(WithFailures(), new CostOptions { InstanceType = "m5.xlarge" });

        // aws-ec2.yaml: m5.xlarge 0.192/h for 4 vCPU and 16 GiB, split OpenCost's way. Paid: 4 executor core-hours + 1 driver
        // core-hour; 2 x (4 GiB + 409.6 MiB) executors + (2 GiB + 384 MiB) driver for 1 h.
        var rates = KubernetesCostSplit.Split(0.192m, 4, 16);
        var gib = (2 * (4096 + 409.6) / 1024) + ((2048 + 384) / 1024.0);
        var cost = rates.Charge(5, gib).Amount;
        // Failed: stage 0's 4 x 30 min = 2 core-hours, and 2 failed tasks at stage 1's median 15 min = 0.5. Tasks kept: 4 x 15 min
        // = 1 core-hour. Idle: 4 - (2 + 1) - 0.5 = 0.5. No driver-only time (the job spans the run), no skew (equal tasks).
        var f = report.Footprint;
        f.FailedStageCoreHours.Should().Be(2);
        f.FailedTaskCoreHours.Should().Be(0.5);
        f.IdleCoreHours.Should().Be(0.5);
        Amount(report, WasteCause.FailedAttempts).Should().BeApproximately(2.5m * rates.PerCoreHour, 0.0001m);
        Amount(report, WasteCause.IdleCores).Should().BeApproximately(0.5m * rates.PerCoreHour, 0.0001m);
        Amount(report, WasteCause.DriverOnlyTime).Should().Be(0);
        Amount(report, WasteCause.SkewTail).Should().Be(0);
        // Useful: the kept task core-hour, the driver's core-hour and all the memory (no peaks in the log).
        report.UsefulCost!.Value.Amount.Should().BeApproximately(rates.Charge(2, gib).Amount, 0.0002m);
        (report.Waste.Sum(w => w.Cost!.Value.Amount) + report.UsefulCost.Value.Amount).Should().Be(Math.Round(cost, 4));
    }

    [Fact]
    public void Price_DatabricksNodes_CountNodeCoresAndMemoryNoExecutorHeldAsWaste()
    {
        // HalfBusy on 4 Databricks m5.xlarge workers for 1 h: nodes hold 16 vCPU-hours and 64 GiB-hours; the 2 executors x 2
        // cores hold 4 core-hours (2 of them while only the driver worked) and 2 x 4.40 GiB-hours.
        var run = new SyntheticRun()
            .Conf("spark.master", "spark://x")
            .Conf("spark.driver.memory", "2g")
            .Vendor(VendorInfo.Unknown with { Platform = Platform.Databricks, InstanceType = "m5.xlarge", Workers = 4, Cloud = "aws" })
            .Executors(2, 2)
            .Job(0, 0, HalfHour, 0)
            .Stage(0, 0, 0, HalfHour, Enumerable.Repeat(HalfHour, 4).ToArray())
            .Build(Hour);

        var report = CostModel.Price(run);

        // aws-ec2.yaml m5.xlarge 0.192 + databricks.yaml 0.69 DBU/h x 0.15 (jobs compute) = 0.2955 per node-hour.
        var node = 0.192m + (0.69m * 0.15m);
        report.Cost!.Value.Amount.Should().Be(4 * node);
        var rates = KubernetesCostSplit.Split(node, 4, 16);
        Amount(report, WasteCause.IdleCores).Should().BeApproximately(12 * rates.PerCoreHour, 0.0001m);
        Amount(report, WasteCause.DriverOnlyTime).Should().BeApproximately(2 * rates.PerCoreHour, 0.0001m);
        var executorGiB = 2 * (4096 + 409.6) / 1024;
        Amount(report, WasteCause.UnusedMemory).Should().BeApproximately((decimal)(64 - executorGiB) * rates.PerGiBHour, 0.0001m);
        (report.Waste.Sum(w => w.Cost!.Value.Amount) + report.UsefulCost!.Value.Amount).Should().Be(4 * node);
        report.UsefulCost.Value.Amount.Should().BeApproximately((2 * rates.PerCoreHour) + ((decimal)executorGiB * rates.PerGiBHour), 0.0002m);
    }

    [Fact]
    public void Price_PricingOff_GivesWasteInHoursWithNoUsefulMoney()
    {
        var report = CostModel.Price(WithFailures(), new CostOptions { Enabled = false });

        report.UsefulCost.Should().BeNull();
        report.Waste.Single(w => w.Cause == WasteCause.FailedAttempts).CoreHours.Should().Be(2.5);
        ReportText.WasteLine(report).Should().Be("Waste by cause: idle cores 0.5 core-hours, driver-only time 0 core-hours, skew tail 0 core-hours, failed attempts 2.5 core-hours (not priced)");
    }

    [Fact]
    public void Reports_EveryPricedCorpusLog_WasteByCausePlusUsefulWorkIsTheCostInJsonTextAndMarkdown()
    {
        var priced = 0;
        foreach (var (path, run) in CorpusRuns.All)
        {
            var report = new AnalysisPipeline().Analyze(run);
            if (report.CostDetails is not { Cost: { } cost, UsefulCost: { } useful } details)
            {
                continue;
            }

            priced++;
            (details.Waste.Sum(w => w.Cost!.Value.Amount) + useful.Amount).Should().Be(cost.Round(4).Amount, path);
            details.Waste.Should().OnlyContain(w => w.Cost!.Value.Amount >= 0, path);
            useful.Amount.Should().BeGreaterThanOrEqualTo(0, path);

            using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));
            var c = json.RootElement.GetProperty("cost");
            var sum = c.GetProperty("waste").EnumerateArray().Sum(w => w.GetProperty("amount").GetDecimal()) + c.GetProperty("usefulAmount").GetDecimal();
            sum.Should().Be(cost.Round(4).Amount, path);
            var line = ReportText.WasteLine(details)!;
            TextReportWriter.Write(report).Should().Contain(line, path);
            MarkdownReportWriter.Write(report).Should().Contain($"| Waste | {line["Waste by cause: ".Length..]}", path);
        }

        priced.Should().BeGreaterThan(40, "every corpus log is priced (at its node's price or OpenCost's rates)");
    }

    private static decimal Amount(CostReport report, WasteCause cause) => report.Waste.Single(w => w.Cause == cause).Cost!.Value.Amount;
}
