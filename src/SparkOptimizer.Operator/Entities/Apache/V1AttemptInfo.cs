using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1AttemptInfo
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("restartCounter")]
    public long? RestartCounter { get; set; }
}
