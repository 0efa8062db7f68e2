using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>One processed run in status.history (what <c>kubectl describe</c> shows as the run history).</summary>
public sealed class RunRecord
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("sparkAppId")]
    public string? SparkAppId { get; set; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; set; }

    [JsonPropertyName("finished")]
    public DateTime? Finished { get; set; }

    [JsonPropertyName("durationMs")]
    public long? DurationMs { get; set; }

    [JsonPropertyName("cost")]
    public double? Cost { get; set; }

    /// <summary>The duration predicted for this run by the previous analysis, to compare with what it took.</summary>
    [JsonPropertyName("predictedDurationMs")]
    public long? PredictedDurationMs { get; set; }
}
