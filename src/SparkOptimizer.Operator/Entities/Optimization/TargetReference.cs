using System.ComponentModel;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class TargetReference
{
    [JsonPropertyName("apiVersion")]
    [Required]
    [EnumValues("sparkoperator.k8s.io/v1beta2", "spark.apache.org/v1")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    [Required]
    [EnumValues("SparkApplication", "ScheduledSparkApplication")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("name")]
    [Required]
    [Description("Name of the application in the SparkOptimization's namespace.")]
    public string Name { get; set; } = "";
}
