using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

/// <summary>Status as a history of numbered states (keys are decimal strings) plus the current one.</summary>
public sealed class V1SparkApplicationStatus
{
    [JsonPropertyName("currentState")]
    public V1ApplicationState? CurrentState { get; set; }

    [JsonPropertyName("stateTransitionHistory")]
    public IDictionary<string, V1ApplicationState>? StateTransitionHistory { get; set; }

    [JsonPropertyName("currentAttemptSummary")]
    public V1AttemptSummary? CurrentAttemptSummary { get; set; }

    /// <summary>The attempt before a restart: how a failed attempt is still found after ScheduledToRestart.</summary>
    [JsonPropertyName("previousAttemptSummary")]
    public V1AttemptSummary? PreviousAttemptSummary { get; set; }
}
