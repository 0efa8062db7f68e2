using SparkOptimizer.Analysis;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Reporting;

public sealed class ReportCostTests
{
    [Fact]
    public void Write_PricedReport_ShowsMoneyWithItsSourceInTheBriefShape()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read("sparklint/spark_event_log_example")) with
        {
            Cost = new ReportCost(12.50m, "USD", "10 x r5.2xlarge", "test price book", new DateOnly(2026, 11, 1)) { RecommendedPerRun = 8.00m, RecommendedShape = "8 x r5.xlarge" },
        };

        var lines = TextReportWriter.Write(report).Split('\n');

        lines.Should().Contain("Cost: $12.50 (test price book, 2026-11-01)");
        var cost = Array.IndexOf(lines, "COST OPTIMIZATION:");
        lines[cost + 1].Should().Be("- Current: 10 x r5.2xlarge = $12.50/run (test price book, 2026-11-01)");
        lines[cost + 2].Should().Be("- Recommended: 8 x r5.xlarge = $8.00/run");
        lines[cost + 3].Should().Be("- Savings: $4.50/run (36%)");
    }

    [Fact]
    public void Write_PricingOff_GivesCoreHoursAndNeverMoney()
    {
        var pipeline = new AnalysisPipeline(Thresholds.Default, costOptions: new CostOptions { Enabled = false });
        var report = pipeline.Analyze(CorpusRuns.Read("sparklint/spark_event_log_example"));

        var text = TextReportWriter.Write(report);

        text.Should().Contain($"Cost: {Fmt.D(report.Usage.CoreHours)} core-hours, {Fmt.D(report.Usage.ExecutorHours)} executor-hours (pricing off)").And.NotContain("$");
        MarkdownReportWriter.Write(report).Should().Contain($"| Cost | {Fmt.D(report.Usage.CoreHours)} core-hours, {Fmt.D(report.Usage.ExecutorHours)} executor-hours (pricing off) |");
    }
}
