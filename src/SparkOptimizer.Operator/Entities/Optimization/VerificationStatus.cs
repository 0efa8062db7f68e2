using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>After a merge: the prediction against the runs observed since.</summary>
public sealed class VerificationStatus
{
    [JsonPropertyName("state")]
    [EnumValues("Pending", "Confirmed", "Regressed", "Inconclusive")]
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

    [JsonPropertyName("runs")]
    public int? Runs { get; set; }
}
