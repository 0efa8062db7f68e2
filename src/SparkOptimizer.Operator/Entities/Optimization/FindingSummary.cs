using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class FindingSummary
{
    [JsonPropertyName("severity")]
    [Required]
    [EnumValues("critical", "severe", "moderate", "low")]
    public string Severity { get; set; } = "";

    [JsonPropertyName("title")]
    [Required]
    public string Title { get; set; } = "";

    [JsonPropertyName("evidence")]
    public string? Evidence { get; set; }
}
