using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

public sealed class V1Beta2ScheduledSparkApplicationStatus
{
    [JsonPropertyName("lastRun")]
    public DateTime? LastRun { get; set; }

    [JsonPropertyName("nextRun")]
    public DateTime? NextRun { get; set; }

    [JsonPropertyName("lastRunName")]
    public string? LastRunName { get; set; }

    [JsonPropertyName("pastSuccessfulRunNames")]
    public IList<string>? PastSuccessfulRunNames { get; set; }

    [JsonPropertyName("pastFailedRunNames")]
    public IList<string>? PastFailedRunNames { get; set; }

    [JsonPropertyName("scheduleState")]
    public string? ScheduleState { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }
}
