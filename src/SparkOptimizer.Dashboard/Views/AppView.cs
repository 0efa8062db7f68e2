using SparkOptimizer.Dashboard.Catalog;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>The history of one app: its runs oldest first, and what the catalog knows (PR, merges, prediction accuracy).</summary>
public sealed record AppView(string AppKey, string AppName, IReadOnlyList<RunSummary> Runs, AppAnnotations Annotations);
