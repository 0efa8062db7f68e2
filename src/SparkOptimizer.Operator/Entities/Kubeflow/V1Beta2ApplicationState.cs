using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Kubeflow;

public sealed class V1Beta2ApplicationState
{
    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; set; }
}
