using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

/// <summary>The pod-sizing fields shared by the driver and executor specs.</summary>
public class V1Beta2DriverSpec
{
    [JsonPropertyName("cores")]
    public int? Cores { get; set; }

    [JsonPropertyName("coreLimit")]
    public string? CoreLimit { get; set; }

    [JsonPropertyName("coreRequest")]
    public string? CoreRequest { get; set; }

    [JsonPropertyName("memory")]
    public string? Memory { get; set; }

    [JsonPropertyName("memoryOverhead")]
    public string? MemoryOverhead { get; set; }
}
