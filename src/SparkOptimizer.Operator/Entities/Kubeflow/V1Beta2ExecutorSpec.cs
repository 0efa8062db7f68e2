using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

public sealed class V1Beta2ExecutorSpec : V1Beta2DriverSpec
{
    [JsonPropertyName("instances")]
    public int? Instances { get; set; }
}
