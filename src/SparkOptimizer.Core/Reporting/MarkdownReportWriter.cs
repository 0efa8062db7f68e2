using System.Text;
using SparkOptimizer.Analysis;

namespace SparkOptimizer.Reporting;

/// <summary>Markdown for pull-request bodies: a summary, a findings table, the conf changes as a diff, and the evidence folded under &lt;details&gt;.</summary>
public static class MarkdownReportWriter
{
    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## Spark optimization report: {Cell(report.JobName)}");
        sb.AppendLine();
        sb.AppendLine("| | |");
        sb.AppendLine("|---|---|");
        sb.AppendLine($"| Duration | {Cell(ReportText.Duration(report))} |");
        sb.AppendLine($"| Cost | {Cell(ReportText.CostLine(report))} |");
        sb.AppendLine($"| Executor-hours | {Fmt.D(report.Usage.ExecutorHours)} |");
        sb.AppendLine($"| Core-hours | {Fmt.D(report.Usage.CoreHours)} ({Fmt.Pct(report.Usage.BusyShare)} busy) |");
        if (ReportText.WasteLine(report.CostDetails) is { } waste)
        {
            sb.AppendLine($"| Waste | {Cell(waste["Waste by cause: ".Length..])} |");
        }

        if (ReportText.SpotLine(report.CostDetails) is { } spot)
        {
            sb.AppendLine($"| Spot | {Cell(spot["Spot: ".Length..])} |");
        }

        if (report.CostDetails?.Reserved is { } reserved)
        {
            sb.AppendLine($"| Reserved | {Cell(reserved.Advice)} |");
        }
        sb.AppendLine($"| Worst finding | {report.WorstSeverity.ToString().ToLowerInvariant()} |");
        sb.AppendLine();

        var findings = report.Findings.Where(f => f.Severity > Severity.None).ToArray();
        sb.AppendLine("### Findings");
        sb.AppendLine();
        if (findings.Length == 0)
        {
            sb.AppendLine("No issues found.");
        }
        else
        {
            sb.AppendLine("| # | Severity | Finding | Stages | Evidence |");
            sb.AppendLine("|---|---|---|---|---|");
            for (var i = 0; i < findings.Length; i++)
            {
                var f = findings[i];
                sb.AppendLine($"| {i + 1} | {f.Severity.ToString().ToLowerInvariant()} | {Cell(f.Title)} | {(f.StageIds.Count == 0 ? "-" : Fmt.Stages(f.StageIds))} | {Cell(f.Evidence.FirstOrDefault()?.Display ?? string.Empty)} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine("### Configuration changes");
        sb.AppendLine();
        if (report.ConfigChanges.Count == 0)
        {
            sb.AppendLine("No configuration changes.");
        }
        else
        {
            sb.AppendLine("```diff");
            foreach (var c in report.ConfigChanges)
            {
                if (c.From is not null)
                {
                    sb.AppendLine($"- {c.Key}={c.From}");
                }

                sb.AppendLine($"+ {c.Key}={c.To}");
            }

            sb.AppendLine("```");
            sb.AppendLine();
            foreach (var c in report.ConfigChanges)
            {
                sb.AppendLine($"- `{c.Key}`: {Cell(c.Reason)}");
            }
        }

        if (findings.Length > 0)
        {
            sb.AppendLine();
            sb.AppendLine("### Details");
            for (var i = 0; i < findings.Length; i++)
            {
                WriteDetails(sb, i + 1, findings[i]);
            }
        }

        if (report.RecommendationNotes.Count + report.AnalysisWarnings.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("<details><summary>Notes</summary>");
            sb.AppendLine();
            foreach (var note in report.RecommendationNotes.Concat(report.AnalysisWarnings))
            {
                sb.AppendLine($"- {Cell(note)}");
            }

            sb.AppendLine();
            sb.AppendLine("</details>");
        }

        return sb.ToString().TrimEnd();
    }

    private static void WriteDetails(StringBuilder sb, int number, Finding f)
    {
        sb.AppendLine();
        sb.AppendLine($"<details><summary>{number}. {Html(f.Title)} ({f.Severity.ToString().ToLowerInvariant()})</summary>");
        sb.AppendLine();
        sb.AppendLine(Cell(f.Explanation));
        sb.AppendLine();
        sb.AppendLine("**Evidence**");
        sb.AppendLine();
        foreach (var e in f.Evidence)
        {
            sb.AppendLine($"- {Cell(e.Display)}");
        }

        sb.AppendLine();
        sb.AppendLine("**Recommendations**");
        sb.AppendLine();
        foreach (var r in f.Recommendations)
        {
            sb.AppendLine($"- {Cell(r.Text)}" + (r.SqlNode is { } node ? $" (`{node.Replace("`", "'", StringComparison.Ordinal)}`)" : string.Empty));
        }

        if (f.ExpectedImprovement is { } expected)
        {
            sb.AppendLine();
            sb.AppendLine($"**Expected improvement:** {Cell(expected)}");
        }

        if (f.WhatWouldNotHelp is { } no)
        {
            sb.AppendLine();
            sb.AppendLine($"**Would not help:** {Cell(no)}");
        }

        sb.AppendLine();
        sb.AppendLine("</details>");
    }

    /// <summary>One line, no table breaks, no raw HTML from the log.</summary>
    private static string Cell(string text) => Html(text.ReplaceLineEndings(" ")).Replace("|", "\\|", StringComparison.Ordinal);

    // Only what could open a tag or an entity: quotes and apostrophes stay readable in the raw Markdown.
    private static string Html(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
