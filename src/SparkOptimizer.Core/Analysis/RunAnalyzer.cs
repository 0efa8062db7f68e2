using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Runs every analyzer over a run, each isolated, and collects findings and failures.</summary>
public sealed class RunAnalyzer(IReadOnlyList<IAnalyzer> analyzers)
{
    public static IReadOnlyList<IAnalyzer> DefaultAnalyzers { get; } = [];

    public (IReadOnlyList<Finding> Findings, IReadOnlyList<string> Warnings) Analyze(SparkRun run, Thresholds thresholds)
    {
        var context = new AnalysisContext(run, thresholds);
        var findings = new List<Finding>();
        var warnings = new List<string>();
        foreach (var analyzer in analyzers)
        {
            try
            {
                findings.AddRange(analyzer.Analyze(context));
            }
#pragma warning disable CA1031 // one failing analyzer must not sink the report
            catch (Exception ex)
#pragma warning restore CA1031
            {
                warnings.Add($"analyzer '{analyzer.Id}' failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return (findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal).ToArray(), warnings);
    }
}
