using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>The standard condition shape (metav1.Condition).</summary>
public sealed class OptimizationCondition
{
    [JsonPropertyName("type")]
    [Required]
    public string Type { get; set; } = "";

    [JsonPropertyName("status")]
    [Required]
    [EnumValues("True", "False", "Unknown")]
    public string Status { get; set; } = "Unknown";

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    [Required]
    public DateTime LastTransitionTime { get; set; }

    [JsonPropertyName("reason")]
    [Required]
    public string Reason { get; set; } = "";

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
