using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

/// <summary>SparkApplicationSpec: also the <c>template</c> of a ScheduledSparkApplication.</summary>
public sealed class V1Beta2SparkApplicationSpec
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("sparkVersion")]
    public string? SparkVersion { get; set; }

    [JsonPropertyName("sparkConf")]
    public IDictionary<string, string>? SparkConf { get; set; }

    [JsonPropertyName("driver")]
    public V1Beta2DriverSpec? Driver { get; set; }

    [JsonPropertyName("executor")]
    public V1Beta2ExecutorSpec? Executor { get; set; }

    [JsonPropertyName("dynamicAllocation")]
    public V1Beta2DynamicAllocation? DynamicAllocation { get; set; }
}
