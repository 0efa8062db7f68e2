using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Recommendation;

namespace SparkOptimizer.Reporting;

/// <summary>The one report model: every writer (text, Markdown, JSON, HTML) renders this and nothing else.</summary>
public sealed record RunReport(SparkRun Run, IReadOnlyList<Finding> Findings, IReadOnlyList<ConfigChange> ConfigChanges, IReadOnlyList<string> AnalysisWarnings)
{
    public Severity WorstSeverity => Findings.Count == 0 ? Severity.None : Findings.Max(f => f.Severity);

    /// <summary>Display name of the job: the application name, else its id, else the file.</summary>
    public string JobName => Run.Application.Name ?? Run.Application.Id ?? Path.GetFileName(Run.Source.Path);

    /// <summary>Executor-hours and core-hours from the run's executor lifetimes.</summary>
    public ResourceUsage Usage { get; init; } = ResourceUsage.From(Run);

    /// <summary>Money, when a price book priced the run; null means "no price known" and the writers say so.</summary>
    public ReportCost? Cost { get; init; }

    /// <summary>The cost model's full answer (utilisation, waste by cause, right-sizing, spot, reserved); null when not priced.</summary>
    public Pricing.CostReport? CostDetails { get; init; }

    /// <summary>Executor memory x cores x count as solved together, when the recommender ran.</summary>
    public ExecutorSizing? Sizing { get; init; }

    /// <summary>The recommended configuration as the replay predicts it, with its cost; null when no modelled setting changes.</summary>
    public Pipeline.RecommendedRun? Recommended { get; init; }

    /// <summary>The host's rails judged the cohort still learning: memory is never lowered and changes are marked low-confidence.</summary>
    public bool LowConfidence { get; init; }

    /// <summary>What the recommender withheld or merged, and why (skew gate, conflicts, validator).</summary>
    public IReadOnlyList<string> RecommendationNotes { get; init; } = [];
}
