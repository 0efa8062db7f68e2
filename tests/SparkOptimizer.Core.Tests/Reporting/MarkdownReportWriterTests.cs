using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Reporting;

public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void Write_SparklintRun_HasFindingsTableDiffAndFoldedEvidence()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read("sparklint/spark_event_log_example"));
        report.ConfigChanges.Should().NotBeEmpty();

        var md = MarkdownReportWriter.Write(report);

        md.Should().StartWith($"## Spark optimization report: {report.JobName}");
        md.Should().Contain("| # | Severity | Finding | Stages | Evidence |");
        md.Should().Contain("```diff");
        foreach (var c in report.ConfigChanges)
        {
            md.Should().Contain($"+ {c.Key}={c.To}");
            if (c.From is not null)
            {
                md.Should().Contain($"- {c.Key}={c.From}");
            }
        }

        md.Split("<details><summary>").Length.Should().BeGreaterThanOrEqualTo(report.Findings.Count + 1);
        md.Split("</details>").Length.Should().Be(md.Split("<details>").Length);
    }

    [Fact]
    public void Write_TextFromTheLog_CannotBreakTheTableOrInjectHtml()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read("mcp-apache-spark-history-server/e2e-spark-events/local-1776286786993.zstd"));

        var md = MarkdownReportWriter.Write(report);

        var rows = md.Split('\n').Where(l => l.Length > 2 && l.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(l[2])).ToArray();
        rows.Should().HaveCount(report.Findings.Count);
        rows.Should().OnlyContain(l => l.Replace("\\|", string.Empty, StringComparison.Ordinal).Count(ch => ch == '|') == 6);
        md.Should().NotContain("<script");
    }
}
