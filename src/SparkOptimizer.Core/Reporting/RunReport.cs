using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Reporting;

/// <summary>The one report model: every writer (text, Markdown, JSON, HTML) renders this and nothing else.</summary>
public sealed record RunReport(SparkRun Run, IReadOnlyList<Finding> Findings, IReadOnlyList<ConfigChange> ConfigChanges, IReadOnlyList<string> AnalysisWarnings)
{
    public Severity WorstSeverity => Findings.Count == 0 ? Severity.None : Findings.Max(f => f.Severity);

    /// <summary>Display name of the job: the application name, else its id, else the file.</summary>
    public string JobName => Run.Application.Name ?? Run.Application.Id ?? Path.GetFileName(Run.Source.Path);
}
