using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class RecommendationStatus
{
    [JsonPropertyName("key")]
    [Required]
    public string Key { get; set; } = "";

    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("to")]
    [Required]
    public string To { get; set; } = "";

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
