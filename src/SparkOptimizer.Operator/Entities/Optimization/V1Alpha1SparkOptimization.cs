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
[PrinterColumn(1, "Phase", ".status.phase", "string", Description = "Pending, Analyzed, InfrastructureFailure or Error")]
[PrinterColumn(2, "Last Run", ".status.lastRun.finished", "date", Description = "When the last run analysed finished")]
[PrinterColumn(3, "Duration", ".status.lastRun.duration", "string", Description = "Duration of the last run")]
[PrinterColumn(4, "Cost", ".status.lastRun.costText", "string", Description = "Cost of the last run, with its currency")]
[PrinterColumn(5, "Saving", ".status.prediction.saving", "string", Description = "Predicted saving per run with the recommended changes, with its currency")]
[PrinterColumn(6, "Worst Finding", ".status.findings.worst", "string", Description = "The most severe finding")]
[PrinterColumn(7, "PR", ".status.pullRequest.url", "string", Description = "The tuning pull request")]
[PrinterColumn(8, "Run", ".status.lastRun.name", "string", Priority = 1, Description = "The last run analysed")]
[PrinterColumn(9, "Outcome", ".status.lastRun.outcome", "string", Priority = 1, Description = "How the last run ended")]
[PrinterColumn(10, "Spark App ID", ".status.lastRun.sparkAppId", "string", Priority = 1, Description = "The last run's Spark application id")]
[PrinterColumn(11, "PR State", ".status.pullRequest.state", "string", Priority = 1, Description = "open, closed or merged")]
[PrinterColumn(12, "Cohort", ".status.cohort.state", "string", Priority = 1, Description = "learning or established")]
[PrinterColumn(13, "Verification", ".status.verification.state", "string", Priority = 1, Description = "The verdict on the merged change")]
[PrinterColumn(14, "Trust", ".spec.trustLevel", "string", Priority = 1, Description = "observe, recommend, pullRequest or autoMerge")]
[PrinterColumn(15, "Age", ".metadata.creationTimestamp", "date", Priority = 1)]
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
