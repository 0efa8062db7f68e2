using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>After a merge: the prediction against the runs observed since.</summary>
public sealed class VerificationStatus
{
    [JsonPropertyName("state")]
    [EnumValues("Pending", "Verified", "Inconclusive", "Regressed", "Reverted")]
    public string? State { get; set; }

    [JsonPropertyName("mergedFingerprint")]
    public string? MergedFingerprint { get; set; }

    [JsonPropertyName("predictedDurationMs")]
    public long? PredictedDurationMs { get; set; }

    [JsonPropertyName("observedDurationMs")]
    public long? ObservedDurationMs { get; set; }

    [JsonPropertyName("predictedCost")]
    public double? PredictedCost { get; set; }

    [JsonPropertyName("observedCost")]
    public double? ObservedCost { get; set; }

    [JsonPropertyName("errorPercent")]
    public double? ErrorPercent { get; set; }

    /// <summary>Runs under the merged change (after) and under the configuration before it.</summary>
    [JsonPropertyName("runs")]
    public int? Runs { get; set; }

    [JsonPropertyName("runsBefore")]
    public int? RunsBefore { get; set; }

    /// <summary>Share of the runs after the merge whose duration (scaled to the predicted run's input) fell inside the predicted interval.</summary>
    [JsonPropertyName("intervalCoverage")]
    public double? IntervalCoverage { get; set; }

    /// <summary>The verdict in words: change per GiB against the noise band.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>The pull request that reverts a regressed change.</summary>
    [JsonPropertyName("revertPullRequest")]
    public int? RevertPullRequest { get; set; }
}
