using System.Text.RegularExpressions;
using SparkOptimizer.Analysis;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Reporting;

public sealed partial class TextReportWriterTests
{
    [Theory]
    [InlineData("sparklint/spark_event_log_example")]
    [InlineData("mcp-apache-spark-history-server/e2e-spark-events/local-1776286786993.zstd")]
    [InlineData("spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd")]
    [InlineData("delight/example_spark_event_log.txt")]
    public void Write_RealLog_FollowsTheBriefLayoutWithNumbersFromTheModel(string log)
    {
        var run = CorpusRuns.Read(log);
        var report = new AnalysisPipeline().Analyze(run);

        var lines = TextReportWriter.Write(report).Split('\n');

        lines[0].Should().Be("SPARK OPTIMIZATION REPORT");
        lines[1].Should().Be("========================");
        lines[2].Should().BeEmpty();
        lines[3].Should().Be($"Job: {run.Application.Name}");
        lines[4].Should().Be($"Duration: {DurationText.Format(run.Application.DurationMs ?? run.Application.ObservedSpanMs)}" + (run.Application.Incomplete ? " (incomplete log)" : string.Empty));
        // None of these logs names its node: the run is priced at OpenCost's default rates, and the line says so.
        var money = report.CostDetails!.Cost!.Value.Amount;
        lines[5].Should().Be($"Cost: {report.Cost!.Format(ReportCost.Round(money))} (OpenCost default rates: 0.031611/vCPU-hour, 0.004237/GiB-hour; name the node's instance type for its price)");

        var sections = lines.Where(l => l.EndsWith("ISSUES:", StringComparison.Ordinal)).ToArray();
        var expectedSections = ReportText.SectionOrder.Where(s => report.Findings.Any(f => f.Severity == s)).Select(ReportText.Section).ToArray();
        sections.Should().Equal(expectedSections);

        var numbered = lines.Where(l => NumberedLine().IsMatch(l)).ToArray();
        numbered.Should().HaveCount(report.Findings.Count);
        numbered.Select(l => int.Parse(l[..l.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(1, report.Findings.Count));
        for (var i = 0; i < report.Findings.Count; i++)
        {
            numbered[i].Should().Be($"{i + 1}. {report.Findings[i].Title}");
        }

        var cost = Array.IndexOf(lines, "COST OPTIMIZATION:");
        var config = Array.IndexOf(lines, "CONFIGURATION CHANGES:");
        cost.Should().BeGreaterThan(5);
        config.Should().BeGreaterThan(cost);
        if (sections.Length > 0)
        {
            Array.IndexOf(lines, sections[^1]).Should().BeLessThan(cost);
        }

        var usage = ResourceUsage.From(run);
        lines[cost + 1].Should().Be($"- Current: {usage.ShapeText()} = {report.Cost.Format(report.Cost.CurrentPerRun)}/run (OpenCost default rates: 0.031611/vCPU-hour, 0.004237/GiB-hour)");
        lines.Should().Contain($"- Usage: {Fmt.D(usage.ExecutorHours)} executor-hours, {Fmt.D(usage.CoreHours)} core-hours held, {Fmt.D(usage.BusyCoreHours)} core-hours of task time ({Fmt.Pct(usage.BusyShare)} busy)");

        var changeLines = lines.Skip(config + 1).TakeWhile(l => l.Length > 0).ToArray();
        changeLines.Should().Equal(report.ConfigChanges.Count == 0 ? ["(none)"] : report.ConfigChanges.Select(c => $"{c.Key}={c.To}").ToArray());

        foreach (var e in report.Findings.SelectMany(f => f.Evidence.Take(6)))
        {
            lines.Should().Contain($"   - {e.Display}");
        }
    }

    [Fact]
    public void Write_SparklintRun_ShowsStage0SkewEvidenceLine()
    {
        var run = CorpusRuns.Read("sparklint/spark_event_log_example");
        var stage = run.Stages.Single(s => s.StageId == 0);

        var text = TextReportWriter.Write(new AnalysisPipeline().Analyze(run));

        text.Should().Contain($"   - Stage 0: slowest task {Fmt.Ms(stage.Tasks.DurationMs.Max)} vs median {Fmt.Ms(stage.Tasks.DurationMs.P50)}");
        text.Should().Contain("   - Expected Improvement: ");
    }

    [Fact]
    public void Write_RunWithoutFindings_SaysNoIssuesAndNoChanges()
    {
        var run = CorpusRuns.Read("spark-rapids-tools/spark-events-qualification/empty_eventlog");
        var report = new AnalysisPipeline().Analyze(run);
        report.Findings.Should().BeEmpty();

        var text = TextReportWriter.Write(report);

        text.Should().Contain("No issues found.").And.Contain("CONFIGURATION CHANGES:\n(none)");
    }

    [GeneratedRegex(@"^\d+\. ")]
    private static partial Regex NumberedLine();
}
