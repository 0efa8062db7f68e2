using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1RuntimeVersions
{
    [JsonPropertyName("sparkVersion")]
    public string? SparkVersion { get; set; }

    [JsonPropertyName("scalaVersion")]
    public string? ScalaVersion { get; set; }
}
