using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Optimization;

public sealed class LastRunStatus
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("sparkAppId")]
    public string? SparkAppId { get; set; }

    [JsonPropertyName("outcome")]
    public string? Outcome { get; set; }

    [JsonPropertyName("finished")]
    public DateTime? Finished { get; set; }

    [JsonPropertyName("durationMs")]
    public long? DurationMs { get; set; }

    /// <summary>Human form of <see cref="DurationMs"/> for the printer column, e.g. 45m12s.</summary>
    [JsonPropertyName("duration")]
    public string? Duration { get; set; }

    [JsonPropertyName("cost")]
    public double? Cost { get; set; }
}
