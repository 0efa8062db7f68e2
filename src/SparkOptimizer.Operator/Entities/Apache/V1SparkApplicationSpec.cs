using System.Text.Json.Serialization;

namespace SparkOptimizer.Operator.Entities.Apache;

public sealed class V1SparkApplicationSpec
{
    [JsonPropertyName("mainClass")]
    public string? MainClass { get; set; }

    [JsonPropertyName("sparkConf")]
    public IDictionary<string, string>? SparkConf { get; set; }

    [JsonPropertyName("driverSpec")]
    public V1PodTemplateHolder? DriverSpec { get; set; }

    [JsonPropertyName("executorSpec")]
    public V1PodTemplateHolder? ExecutorSpec { get; set; }

    [JsonPropertyName("runtimeVersions")]
    public V1RuntimeVersions? RuntimeVersions { get; set; }
}
