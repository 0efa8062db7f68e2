using System.ComponentModel;
using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class SparkOptimizationStatus
{
    [JsonPropertyName("phase")]
    [EnumValues(Phases.Pending, Phases.Analyzed, Phases.InfrastructureFailure, Phases.Error)]
    public string? Phase { get; set; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    public IList<OptimizationCondition>? Conditions { get; set; }

    [JsonPropertyName("lastRun")]
    public LastRunStatus? LastRun { get; set; }

    [JsonPropertyName("findings")]
    public FindingsStatus? Findings { get; set; }

    [JsonPropertyName("recommendations")]
    public IList<RecommendationStatus>? Recommendations { get; set; }

    [JsonPropertyName("prediction")]
    public PredictionStatus? Prediction { get; set; }

    [JsonPropertyName("pullRequest")]
    public PullRequestStatus? PullRequest { get; set; }

    [JsonPropertyName("processedRuns")]
    [Description("Identities of the runs already processed (newest last, bounded), so that each run is processed once.")]
    public IList<string>? ProcessedRuns { get; set; }

    [JsonPropertyName("history")]
    [Description("The latest processed runs, newest last: outcome, duration and cost against the duration predicted before each.")]
    public IList<RunRecord>? History { get; set; }

    [JsonPropertyName("verification")]
    public VerificationStatus? Verification { get; set; }

    [JsonPropertyName("cohort")]
    public CohortStatus? Cohort { get; set; }
}
