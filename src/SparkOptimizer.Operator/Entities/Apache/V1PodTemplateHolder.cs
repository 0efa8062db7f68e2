using System.Text.Json.Serialization;
using k8s.Models;

namespace SparkOptimizer.Operator.Entities.Apache;

/// <summary><c>spec.driverSpec</c> / <c>spec.executorSpec</c>: a pod template whose container resources govern pod size.</summary>
public sealed class V1PodTemplateHolder
{
    [JsonPropertyName("podTemplateSpec")]
    public V1PodTemplateSpec? PodTemplateSpec { get; set; }
}
