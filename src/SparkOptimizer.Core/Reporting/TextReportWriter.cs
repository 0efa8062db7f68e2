using System.Text;
using SparkOptimizer.Analysis;

namespace SparkOptimizer.Reporting;

/// <summary>The plain-text report in the shape users asked for (BRIEF.md): header, issues by severity, cost, then key=value changes.</summary>
public static class TextReportWriter
{
    private const int MaxEvidenceLines = 6;

    public static string Write(RunReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine("SPARK OPTIMIZATION REPORT");
        sb.AppendLine("========================");
        sb.AppendLine();
        sb.AppendLine($"Job: {report.JobName}");
        sb.AppendLine($"Duration: {ReportText.Duration(report)}");
        sb.AppendLine($"Cost: {ReportText.CostLine(report)}");
        sb.AppendLine();

        var number = 0;
        var visible = report.Findings.Where(f => f.Severity > Severity.None).ToArray();
        if (visible.Length == 0)
        {
            sb.AppendLine("No issues found.");
            sb.AppendLine();
        }

        foreach (var severity in ReportText.SectionOrder)
        {
            var group = visible.Where(f => f.Severity == severity).ToArray();
            if (group.Length == 0)
            {
                continue;
            }

            sb.AppendLine(ReportText.Section(severity));
            foreach (var finding in group)
            {
                WriteFinding(sb, ++number, finding);
            }
        }

        sb.AppendLine("COST OPTIMIZATION:");
        foreach (var line in ReportText.CostLines(report))
        {
            sb.AppendLine($"- {line}");
        }

        sb.AppendLine();
        sb.AppendLine("CONFIGURATION CHANGES:");
        if (report.ConfigChanges.Count == 0)
        {
            sb.AppendLine("(none)");
        }

        foreach (var change in report.ConfigChanges)
        {
            sb.AppendLine($"{change.Key}={change.To}");
        }

        var notes = report.RecommendationNotes.Concat(report.AnalysisWarnings).ToArray();
        if (notes.Length > 0 || report.Run.Source.Status != Model.ReadStatus.Ok)
        {
            sb.AppendLine();
            sb.AppendLine("NOTES:");
            if (report.Run.Source.Status != Model.ReadStatus.Ok)
            {
                sb.AppendLine($"- Input read {report.Run.Source.Status.ToString().ToLowerInvariant()}: {report.Run.Warnings.Count} warning(s); figures cover what was read");
            }

            foreach (var note in notes)
            {
                sb.AppendLine($"- {note}");
            }
        }

        return sb.ToString().TrimEnd();
    }

    private static void WriteFinding(StringBuilder sb, int number, Finding finding)
    {
        sb.AppendLine($"{number}. {finding.Title}");
        foreach (var e in finding.Evidence.Take(MaxEvidenceLines))
        {
            sb.AppendLine($"   - {e.Display}");
        }

        if (finding.Evidence.Count > MaxEvidenceLines)
        {
            sb.AppendLine($"   - ... and {finding.Evidence.Count - MaxEvidenceLines} more");
        }

        foreach (var rec in finding.Recommendations)
        {
            sb.AppendLine($"   - Recommendation: {rec.Text}");
        }

        var expected = finding.ExpectedImprovement ?? finding.Recommendations.Select(r => r.ExpectedImprovement).FirstOrDefault(x => x is not null);
        if (expected is not null)
        {
            sb.AppendLine($"   - Expected Improvement: {expected}");
        }

        if (finding.WhatWouldNotHelp is { } no)
        {
            sb.AppendLine($"   - Would Not Help: {no}");
        }

        sb.AppendLine();
    }
}
