using System.Text;

namespace SparkOptimizer.Reporting;

/// <summary>Markdown for pull-request bodies.</summary>
public static class MarkdownReportWriter
{
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## Spark optimization report: {report.JobName}");
        sb.AppendLine();
        sb.AppendLine($"- Duration: {DurationText.Format(report.Run.Application.DurationMs ?? report.Run.Application.ObservedSpanMs)}");
        return sb.ToString().TrimEnd();
    }
}
