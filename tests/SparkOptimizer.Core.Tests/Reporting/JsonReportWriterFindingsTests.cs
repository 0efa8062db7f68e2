using System.Text.Json;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Reporting;

public sealed class JsonReportWriterFindingsTests
{
    [Fact]
    public void ToJson_SparklintRun_WritesFindingsAndConfigChangesOfTheReport()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read("sparklint/spark_event_log_example"));

        using var doc = JsonDocument.Parse(JsonReportWriter.ToJson(report));

        var findings = doc.RootElement.GetProperty("findings");
        findings.GetArrayLength().Should().Be(report.Findings.Count);
        findings[0].GetProperty("id").GetString().Should().Be(report.Findings[0].Id);
        findings[0].GetProperty("severity").GetString().Should().Be(report.Findings[0].Severity.ToString().ToLowerInvariant());
        var changes = doc.RootElement.GetProperty("configChanges");
        foreach (var c in report.ConfigChanges)
        {
            changes.GetProperty(c.Key).GetString().Should().Be(c.To);
        }
    }
}
