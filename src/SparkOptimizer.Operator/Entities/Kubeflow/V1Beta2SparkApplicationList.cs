using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

public sealed class V1Beta2SparkApplicationList : IKubernetesObject<V1ListMeta>, IItems<V1Beta2SparkApplication>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1Beta2SparkApplication.Group + "/" + V1Beta2SparkApplication.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "SparkApplicationList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1Beta2SparkApplication> Items { get; set; } = new List<V1Beta2SparkApplication>();
}
