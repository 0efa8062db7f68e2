using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Apache;

/// <summary>
/// The Apache Spark Kubernetes Operator's SparkApplication (spark.apache.org/v1). Resources live in
/// <c>spec.sparkConf</c> and in the driver/executor pod templates, not in typed fields.
/// </summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = EntityKind, PluralName = Plural)]
public sealed class V1SparkApplication : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "spark.apache.org";
    public const string Version = "v1";
    public const string EntityKind = "SparkApplication";
    public const string Plural = "sparkapplications";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = EntityKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public V1SparkApplicationSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public V1SparkApplicationStatus? Status { get; set; }
}
