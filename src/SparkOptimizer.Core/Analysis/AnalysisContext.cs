using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>What every analyzer sees: the run and the thresholds in force.</summary>
public sealed record AnalysisContext(SparkRun Run, Thresholds Thresholds);
