using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class EventLogSourceResolverTests
{
    [Fact]
    public void Resolve_LocalPathAndFileUri_AreTheLocalLocator()
    {
        var path = Corpus.Path(SourceCorpus.Rolling);

        var byPath = EventLogSourceResolver.Resolve(path);
        var byUri = EventLogSourceResolver.Resolve(new Uri(path).AbsoluteUri);

        byPath.Single().Layout.Should().Be("spark-rolling");
        byUri.Single().Path.Should().Be(byPath.Single().Path);
    }

    // Hadoop writes file:/abs/path (one slash) in spark.eventLog.dir; it is the same absolute path as file:///abs/path.
    [Theory]
    [InlineData("file:{0}")]
    [InlineData("file://{0}")]
    [InlineData("FILE:{0}")]
    public void Resolve_HadoopAndStandardFileUris_AreTheSameLocalPath(string template)
    {
        var path = Corpus.Path(SourceCorpus.Rolling);
        var uri = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, path);

        EventLogSourceResolver.IsLocal(uri).Should().BeTrue();
        EventLogSourceResolver.LocalPath(uri).Should().Be(path);
        EventLogSourceResolver.Resolve(uri).Single().Path.Should().Be(EventLogSourceResolver.Resolve(path).Single().Path);
    }

    [Fact]
    public void Resolve_UnsupportedScheme_ThrowsNamingTheSchemes()
    {
        var act = () => EventLogSourceResolver.Resolve("ftp://host/logs");

        act.Should().Throw<EventLogFormatException>().WithMessage("ftp://host/logs: unsupported scheme 'ftp://'*s3://*abfs*");
    }

    [Fact]
    public void Resolve_GsWithoutHmacKeys_SaysWhichVariablesToSet()
    {
        var act = () => EventLogSourceResolver.Resolve("gs://bucket/logs", new SourceOptions { Environment = _ => null });

        act.Should().Throw<EventLogFormatException>().WithMessage($"gs://bucket/logs: *{SourceEnvironment.GcsHmacAccessId}*{SourceEnvironment.GcsHmacSecret}*");
    }

    [Fact]
    public void Resolve_LegacyKeysInS3Uri_NeverShowThem()
    {
        var act = () => EventLogSourceResolver.Resolve("s3://AKIAEXAMPLE:s3cr3t-in-uri@bucket/logs", new SourceOptions
        {
            S3ServiceUrl = "http://127.0.0.1:1",
            Environment = _ => null,
        });

        var ex = act.Should().Throw<EventLogFormatException>().Which;
        ex.File.Should().Be("s3://bucket/logs");
        ex.ToString().Should().NotContain("s3cr3t-in-uri");
    }

    [Theory]
    [InlineData("", "", null, null)]
    [InlineData("app-1", "", "app-1", null)]
    [InlineData("sparkhistory/history/app-1/2/jobs/", "sparkhistory", "app-1", "2")]
    [InlineData("api/v1/applications/app-1/logs", "", "app-1", null)]
    public void Split_HistoryServerPaths_FindBaseAppAndAttempt(string path, string expectedBase, string? app, string? attempt)
    {
        HistoryServerEventLogSource.Split(path).Should().Be((expectedBase, app, attempt));
    }

    [Fact]
    public void SourceOptions_ToString_NamesSecretsWithoutTheirValues()
    {
        var options = new SourceOptions { S3ServiceUrl = "http://minio:9000", S3AccessKey = "AKIA-visible-not", S3SecretKey = "s3-secret-value", AzureConnectionString = "AccountKey=abc123xyz;" };

        var text = options.ToString();

        text.Should().Contain("http://minio:9000").And.Contain("S3SecretKey = ***").And.Contain("GcsHmacSecret = unset");
        text.Should().NotContain("s3-secret-value").And.NotContain("AKIA-visible-not").And.NotContain("abc123xyz");
    }
}
