using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>Predicted duration and cost with the recommended changes, with their interval.</summary>
public sealed class PredictionStatus
{
    [JsonPropertyName("durationMs")]
    public long? DurationMs { get; set; }

    [JsonPropertyName("low")]
    public long? Low { get; set; }

    [JsonPropertyName("high")]
    public long? High { get; set; }

    [JsonPropertyName("cost")]
    public double? Cost { get; set; }

    [JsonPropertyName("costLow")]
    public double? CostLow { get; set; }

    [JsonPropertyName("costHigh")]
    public double? CostHigh { get; set; }

    /// <summary>Predicted saving per run with its currency, e.g. "4.50 USD (36%)", for the printer column.</summary>
    [JsonPropertyName("saving")]
    public string? Saving { get; set; }

    /// <summary>What the prediction rests on: Replay, or the replay calibrated by the cohort's run history (ReplayWithErnest, ...).</summary>
    [JsonPropertyName("basis")]
    public string? Basis { get; set; }

    /// <summary>True when the predicted executor count or memory is more than 2 x away from the run's: the interval is widened 2 x.</summary>
    [JsonPropertyName("extrapolated")]
    public bool? Extrapolated { get; set; }
}
