using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>
/// The operator's own resource: one per opted-in Spark application (owned by it), holding the analysis of its
/// runs, the recommended changes and the pull request that proposes them.
/// </summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = EntityKind, PluralName = Plural)]
[ShortName("sparkopt")]
[Description("SparkOptimization holds the Spark Optimizer's analysis of one Spark application's runs and its tuning pull request.")]
[PrinterColumn(0, "App", ".spec.target.name", "string", Description = "The Spark application analysed")]
[PrinterColumn(1, "Last Run", ".status.lastRun.name", "string", Description = "The last run analysed")]
[PrinterColumn(2, "Duration", ".status.lastRun.duration", "string", Description = "Duration of the last run")]
[PrinterColumn(3, "Cost", ".status.lastRun.cost", "number", Description = "Cost of the last run (USD)")]
[PrinterColumn(4, "Saving", ".status.prediction.saving", "string", Description = "Predicted saving per run with the recommended changes")]
[PrinterColumn(5, "Worst", ".status.findings.worst", "string", Description = "The most severe finding")]
[PrinterColumn(6, "PR", ".status.pullRequest.url", "string", Description = "The tuning pull request")]
[PrinterColumn(7, "Age", ".metadata.creationTimestamp", "date")]
[PrinterColumn(8, "Phase", ".status.phase", "string", Priority = 1)]
public sealed class V1Alpha1SparkOptimization : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "sparkoptimizer.io";
    public const string Version = "v1alpha1";
    public const string EntityKind = "SparkOptimization";
    public const string Plural = "sparkoptimizations";
    public const string Singular = "sparkoptimization";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = EntityKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [Required]
    public SparkOptimizationSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public SparkOptimizationStatus? Status { get; set; }
}
