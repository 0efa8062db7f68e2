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

    /// <summary>Cost of the run in USD.</summary>
    [JsonPropertyName("cost")]
    public double? Cost { get; set; }

    /// <summary><see cref="Cost"/> with its currency for the printer column, e.g. "12.50 USD".</summary>
    [JsonPropertyName("costText")]
    public string? CostText { get; set; }

    [JsonPropertyName("priceBasis")]
    public PriceBasisStatus? PriceBasis { get; set; }
}
