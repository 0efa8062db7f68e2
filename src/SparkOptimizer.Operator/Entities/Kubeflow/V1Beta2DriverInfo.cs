using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

/// <summary>status.driverInfo of a Kubeflow SparkApplication: which pod ran the driver.</summary>
public sealed class V1Beta2DriverInfo
{
    [JsonPropertyName("podName")]
    public string? PodName { get; set; }
}
