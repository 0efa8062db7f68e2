using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1AttemptSummary
{
    [JsonPropertyName("attemptInfo")]
    public V1AttemptInfo? AttemptInfo { get; set; }
}
