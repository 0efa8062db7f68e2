using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class V1Alpha1SparkOptimizationList : IKubernetesObject<V1ListMeta>, IItems<V1Alpha1SparkOptimization>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1Alpha1SparkOptimization.Group + "/" + V1Alpha1SparkOptimization.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "SparkOptimizationList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1Alpha1SparkOptimization> Items { get; set; } = new List<V1Alpha1SparkOptimization>();
}
