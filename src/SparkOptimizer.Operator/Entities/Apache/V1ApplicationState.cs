using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1ApplicationState
{
    [JsonPropertyName("currentStateSummary")]
    public string? CurrentStateSummary { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    public string? LastTransitionTime { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
