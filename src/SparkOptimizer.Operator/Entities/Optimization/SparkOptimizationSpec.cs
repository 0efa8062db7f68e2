using System.ComponentModel;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class SparkOptimizationSpec
{
    [JsonPropertyName("target")]
    [Required]
    [Description("The Spark application whose runs are analysed.")]
    public TargetReference Target { get; set; } = new();

    [JsonPropertyName("objective")]
    [EnumValues(Objectives.Cost, Objectives.Runtime, Objectives.Balanced)]
    [Description("What the recommendations optimise for.")]
    public string? Objective { get; set; }

    [JsonPropertyName("sla")]
    [Pattern(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$")]
    [Description("The longest acceptable run duration, e.g. 45m; recommendations never predict beyond it.")]
    public string? Sla { get; set; }

    [JsonPropertyName("manifest")]
    [Description("Where the application's manifest lives in Git, as <owner>/<repo>/<path>; found by kind, namespace and name when empty.")]
    public string? Manifest { get; set; }

    [JsonPropertyName("thresholds")]
    [Description("Overrides of analyzer thresholds, by threshold key.")]
    public IDictionary<string, string>? Thresholds { get; set; }

    [JsonPropertyName("mode")]
    [EnumValues(Modes.PullRequest, Modes.ReportOnly)]
    [Description("pullRequest opens or updates one pull request per app; reportOnly only writes status.")]
    public string? Mode { get; set; }

    [JsonPropertyName("trustLevel")]
    [EnumValues(TrustLevels.Observe, TrustLevels.Recommend, TrustLevels.PullRequest, TrustLevels.AutoMerge)]
    [Description("How far the operator may act on its recommendations.")]
    public string? TrustLevel { get; set; }
}
