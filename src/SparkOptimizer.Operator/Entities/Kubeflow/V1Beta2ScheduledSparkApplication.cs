using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

/// <summary>Kubeflow's ScheduledSparkApplication: its runs are SparkApplications owned by it.</summary>
[KubernetesEntity(Group = V1Beta2SparkApplication.Group, ApiVersion = V1Beta2SparkApplication.Version, Kind = EntityKind, PluralName = Plural)]
public sealed class V1Beta2ScheduledSparkApplication : IKubernetesObject<V1ObjectMeta>
{
    public const string EntityKind = "ScheduledSparkApplication";
    public const string Plural = "scheduledsparkapplications";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = V1Beta2SparkApplication.Group + "/" + V1Beta2SparkApplication.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = EntityKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public V1Beta2ScheduledSparkApplicationSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public V1Beta2ScheduledSparkApplicationStatus? Status { get; set; }
}
