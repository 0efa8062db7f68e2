using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class FindingsStatus
{
    [JsonPropertyName("critical")]
    public int Critical { get; set; }

    [JsonPropertyName("severe")]
    public int Severe { get; set; }

    [JsonPropertyName("moderate")]
    public int Moderate { get; set; }

    [JsonPropertyName("low")]
    public int Low { get; set; }

    /// <summary>The most severe finding, e.g. "critical: Data skew", for the printer column.</summary>
    [JsonPropertyName("worst")]
    public string? Worst { get; set; }

    [JsonPropertyName("top")]
    public IList<FindingSummary>? Top { get; set; }
}
