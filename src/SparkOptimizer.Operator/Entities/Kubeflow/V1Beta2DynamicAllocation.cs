using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

public sealed class V1Beta2DynamicAllocation
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("initialExecutors")]
    public int? InitialExecutors { get; set; }

    [JsonPropertyName("minExecutors")]
    public int? MinExecutors { get; set; }

    [JsonPropertyName("maxExecutors")]
    public int? MaxExecutors { get; set; }

    [JsonPropertyName("shuffleTrackingEnabled")]
    public bool? ShuffleTrackingEnabled { get; set; }

    [JsonPropertyName("shuffleTrackingTimeout")]
    public long? ShuffleTrackingTimeout { get; set; }
}
