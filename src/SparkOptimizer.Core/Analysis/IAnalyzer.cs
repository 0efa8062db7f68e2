namespace SparkOptimizer.Analysis;

/// <summary>One heuristic over a run. Each runs on its own: one that throws becomes a warning, not a failed report.</summary>
public interface IAnalyzer
{
    string Id { get; }

    IEnumerable<Finding> Analyze(AnalysisContext context);
}
