using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1AttemptSummary
{
    [JsonPropertyName("attemptInfo")]
    public V1AttemptInfo? AttemptInfo { get; set; }

    /// <summary>The attempt's own numbered states (present on previousAttemptSummary after a restart).</summary>
    [JsonPropertyName("stateTransitionHistory")]
    public IDictionary<string, V1ApplicationState>? StateTransitionHistory { get; set; }
}
