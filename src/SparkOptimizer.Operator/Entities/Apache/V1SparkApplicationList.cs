using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1SparkApplicationList : IKubernetesObject<V1ListMeta>, IItems<V1SparkApplication>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1SparkApplication.Group + "/" + V1SparkApplication.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "SparkApplicationList";

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<V1SparkApplication> Items { get; set; } = new List<V1SparkApplication>();
}
