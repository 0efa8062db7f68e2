using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Tests;

/// <summary>A catalog as the operator would provide it: the folder's runs plus an open PR, merges and prediction accuracy for some apps.</summary>
internal sealed class AnnotatedCatalog(IRunCatalog inner, IReadOnlyDictionary<string, AppAnnotations> annotations) : IRunCatalog
{
    public IReadOnlyList<CatalogRun> Runs() => inner.Runs();

    public RunReport? Report(string runId) => inner.Report(runId);

    public AppAnnotations Annotations(string appKey) => annotations.TryGetValue(appKey, out var a) ? a : inner.Annotations(appKey);
}
