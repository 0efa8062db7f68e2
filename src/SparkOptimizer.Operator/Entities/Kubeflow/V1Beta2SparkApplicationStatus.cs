using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

public sealed class V1Beta2SparkApplicationStatus
{
    [JsonPropertyName("sparkApplicationId")]
    public string? SparkApplicationId { get; set; }

    [JsonPropertyName("submissionID")]
    public string? SubmissionId { get; set; }

    [JsonPropertyName("lastSubmissionAttemptTime")]
    public DateTime? LastSubmissionAttemptTime { get; set; }

    [JsonPropertyName("terminationTime")]
    public DateTime? TerminationTime { get; set; }

    [JsonPropertyName("applicationState")]
    public V1Beta2ApplicationState? ApplicationState { get; set; }

    [JsonPropertyName("driverInfo")]
    public V1Beta2DriverInfo? DriverInfo { get; set; }

    [JsonPropertyName("executorState")]
    public IDictionary<string, string>? ExecutorState { get; set; }

    [JsonPropertyName("executionAttempts")]
    public int? ExecutionAttempts { get; set; }
}
