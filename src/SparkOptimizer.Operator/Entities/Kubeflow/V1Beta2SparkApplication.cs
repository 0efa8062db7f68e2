using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

/// <summary>
/// Kubeflow spark-operator's SparkApplication (sparkoperator.k8s.io/v1beta2): only the fields the optimizer reads.
/// Unknown fields are dropped on read; the operator never writes this resource back.
/// </summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = EntityKind, PluralName = Plural)]
public sealed class V1Beta2SparkApplication : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "sparkoperator.k8s.io";
    public const string Version = "v1beta2";
    public const string EntityKind = "SparkApplication";
    public const string Plural = "sparkapplications";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = EntityKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public V1Beta2SparkApplicationSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public V1Beta2SparkApplicationStatus? Status { get; set; }
}
