using SparkOptimizer.Ingest;

namespace SparkOptimizer.Tests.Ingest;

public sealed class SparkLogNamesTests
{
    [Theory]
    [InlineData("spark-0a1b", "spark-0a1b")]
    [InlineData("My.App-1", "my_app-1")]
    [InlineData("app:1 2/3", "app-1-2-3")]
    public void Sanitize_AppId_IsWhatSparkWritesInTheFileName(string appId, string expected) =>
        SparkLogNames.Sanitize(appId).Should().Be(expected);

    [Theory]
    [InlineData("application_1_2", false, null, null, false)]
    [InlineData("application_1_2_3.lz4.inprogress", false, "3", "lz4", true)]
    [InlineData("eventlog_v2_application_1_2", true, null, null, false)]
    [InlineData("eventlog_v2_application_1_2_1", true, "1", null, false)]
    [InlineData("application_1_2.zst", false, null, "zstd", false)]
    [InlineData("APPLICATION_1_2.SNAPPY", false, null, "snappy", false)]
    public void Parse_NameOfTheApp_ReadsLayoutAttemptCodecAndState(string name, bool rolling, string? attempt, string? codec, bool inProgress) =>
        SparkLogNames.Parse(name, "application_1_2").Should().Be(new SparkLogName(name, rolling, attempt, codec, inProgress));

    [Theory]
    [InlineData("application_1_23")]
    [InlineData("application_1_2.txt")]
    [InlineData("application_1_2.lz4.bak")]
    [InlineData("eventlog_v2_application_1_20")]
    public void Parse_AnotherAppsOrAnUnknownSuffix_IsNull(string name) =>
        SparkLogNames.Parse(name, "application_1_2").Should().BeNull();

    [Fact]
    public void ShortCodec_SparkClassNames_AreTheirSuffixes() =>
        new[] { "org.apache.spark.io.ZStdCompressionCodec", "org.apache.spark.io.LZ4CompressionCodec", "snappy", "lzf" }
            .Select(SparkLogNames.ShortCodec).Should().Equal("zstd", "lz4", "snappy", "lzf");
}
