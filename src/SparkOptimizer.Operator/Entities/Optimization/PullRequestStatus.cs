using System.Text.Json.Serialization;
using SparkOptimizer.Operator.Crds;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class PullRequestStatus
{
    [JsonPropertyName("number")]
    public int? Number { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("state")]
    [EnumValues("open", "closed", "merged")]
    public string? State { get; set; }

    [JsonPropertyName("branch")]
    public string? Branch { get; set; }

    /// <summary>Fingerprint of the proposed change set; a closed PR's fingerprint is not proposed again.</summary>
    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; set; }
}
