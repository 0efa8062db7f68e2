namespace SparkOptimizer.Ingest.Streaming;

/// <summary>A plan node before metric values are known (they arrive later, with stages and driver updates).</summary>
internal sealed class PlanNodeDraft
{
    public string NodeName { get; set; } = string.Empty;

    public string SimpleString { get; set; } = string.Empty;

    public List<PlanNodeDraft> Children { get; } = [];

    public List<(string Name, long AccumulatorId, string MetricType)> Metrics { get; } = [];

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);
}
