namespace SparkOptimizer.Ingest.Metrics;

/// <summary>A series returned by a query: its labels and samples.</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusSample> Samples)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var v) ? v : null;

    public double Max => Samples.Count == 0 ? 0 : Samples.Max(s => s.Value);

    public double Mean => Samples.Count == 0 ? 0 : Samples.Average(s => s.Value);
}
