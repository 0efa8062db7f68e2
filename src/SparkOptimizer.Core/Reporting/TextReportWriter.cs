using System.Globalization;
using System.Text;

namespace SparkOptimizer.Reporting;

/// <summary>The plain-text report in the shape users asked for (BRIEF.md).</summary>
public static class TextReportWriter
{
    public static string Write(RunReport report)
    {
        var run = report.Run;
        var sb = new StringBuilder();
        sb.AppendLine("SPARK OPTIMIZATION REPORT");
        sb.AppendLine("========================");
        sb.AppendLine();
        sb.AppendLine($"Job: {report.JobName}");
        sb.AppendLine($"Duration: {DurationText.Format(run.Application.DurationMs ?? run.Application.ObservedSpanMs)}");
        sb.AppendLine("Cost: unknown (no price book applied)");
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Read: {run.Totals.Jobs} jobs, {run.Totals.Stages} stages, {run.Totals.Tasks} tasks ({run.Totals.FailedTasks} failed), {run.Totals.ExecutorsAdded} executors"));
        if (report.Findings.Count == 0)
        {
            sb.AppendLine();
            sb.AppendLine("No issues found.");
        }

        return sb.ToString().TrimEnd();
    }
}
