using System.Text.Json;
using SparkOptimizer.Ingest.Vendors;

namespace SparkOptimizer.Tests.Ingest.Vendors;

public sealed class VendorConfWriterTests
{
    private static readonly Dictionary<string, string> Changes = new()
    {
        ["spark.sql.shuffle.partitions"] = "400",
        ["spark.executor.memory"] = "8g",
        ["spark.executor.extraJavaOptions"] = "-XX:+UseG1GC,-XX:MaxGCPauseMillis=200",
    };

    [Fact]
    public void DatabricksClusterFragment_WritesSparkConfNodeTypeAndWorkers()
    {
        var json = VendorConfWriter.DatabricksClusterFragment(Changes, "r5.xlarge", 8);

        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("node_type_id").GetString().Should().Be("r5.xlarge");
        doc.RootElement.GetProperty("num_workers").GetInt32().Should().Be(8);
        doc.RootElement.GetProperty("spark_conf").EnumerateObject().Select(p => p.Name).Should()
            .Equal("spark.executor.extraJavaOptions", "spark.executor.memory", "spark.sql.shuffle.partitions");
    }

    [Fact]
    public void DatabricksClusterFragment_Autoscale_ReplacesNumWorkers()
    {
        using var doc = JsonDocument.Parse(VendorConfWriter.DatabricksClusterFragment(Changes, autoscale: (2, 10)));

        doc.RootElement.TryGetProperty("num_workers", out _).Should().BeFalse();
        doc.RootElement.GetProperty("autoscale").GetProperty("max_workers").GetInt32().Should().Be(10);
    }

    [Fact]
    public void EmrConfigurations_IsASparkDefaultsClassification()
    {
        using var doc = JsonDocument.Parse(VendorConfWriter.EmrConfigurations(Changes));

        var classification = doc.RootElement.EnumerateArray().Single();
        classification.GetProperty("Classification").GetString().Should().Be("spark-defaults");
        classification.GetProperty("Properties").GetProperty("spark.executor.memory").GetString().Should().Be("8g");
    }

    [Fact]
    public void Dataproc_PropertiesCarryTheSparkPrefix_AndTheFlagEscapesCommas()
    {
        VendorConfWriter.DataprocProperties(Changes).Should().ContainKey("spark:spark.executor.memory").WhoseValue.Should().Be("8g");
        VendorConfWriter.DataprocPropertiesFlag(Changes).Should()
            .Be("--properties=^#^spark:spark.executor.extraJavaOptions=-XX:+UseG1GC,-XX:MaxGCPauseMillis=200#spark:spark.executor.memory=8g#spark:spark.sql.shuffle.partitions=400");
        VendorConfWriter.DataprocPropertiesFlag(new Dictionary<string, string> { ["spark.executor.cores"] = "4", ["spark.executor.memory"] = "8g" })
            .Should().Be("--properties=spark:spark.executor.cores=4,spark:spark.executor.memory=8g");
    }
}
