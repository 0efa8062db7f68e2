using Amazon.S3;
using Amazon.S3.Model;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Emulators;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// The finder lists an S3 prefix (s3rver, through AWSSDK.S3) for the names Spark gave the app's log, whatever the manifest
/// declares: a single .lzf object next to another app whose id starts the same, and a rolling folder.
/// </summary>
public sealed class EventLogFinderS3Tests : IClassFixture<S3rverFixture>
{
    private const string Bucket = "spark-events";
    private readonly S3rverFixture _s3;

    public EventLogFinderS3Tests(S3rverFixture s3)
    {
        _s3 = s3;
        UploadOnce.Run($"{s3.ServiceUrl}/{Bucket}", () =>
        {
            Upload();
        });
    }

    private EventLogFinder Finder() => new(
        new SourceOptions { S3ServiceUrl = _s3.ServiceUrl, S3AccessKey = S3rverFixture.AccessKey, S3SecretKey = S3rverFixture.SecretKey, Environment = _ => null },
        null,
        new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, []));

    [Fact]
    public void Search_ManifestDeclaresRollingButSparkWroteOneLzfObject_ListsThePrefixAndReadsIt()
    {
        var search = Finder().Search(new EventLogLocation($"s3a://{Bucket}/cluster/", "local-1619631016646", Rolling: true, Codec: null));

        search.Tried.Should().Be($"s3a://{Bucket}/cluster/local-1619631016646.lzf");
        new EventLogReader().Read(search.Input!).Application.Id.Should().Be("local-1619631016646");
    }

    [Fact]
    public void Search_ManifestDeclaresNothingButSparkRolled_ReadsEveryPartOfTheFolder()
    {
        var search = Finder().Search(new EventLogLocation($"s3://{Bucket}/cluster", "application_1603128018386_7846", Rolling: false, Codec: null));

        search.Input!.Parts.Should().HaveCount(3);
        new EventLogReader().Read(search.Input).Application.Id.Should().Be("application_1603128018386_7846");
    }

    [Fact]
    public void Search_NotThereYet_SaysWhatWasListed()
    {
        var search = Finder().Search(new EventLogLocation($"s3a://{Bucket}/cluster", "local-16196310166", Rolling: false, Codec: null));

        search.Input.Should().BeNull();
        search.CanAppear.Should().BeTrue();
        search.Tried.Should().StartWith($"s3a://{Bucket}/cluster/{{eventlog_v2_,}}local-16196310166").And.Contain("no name of this app listed");
    }

    private void Upload()
    {
        using var client = new AmazonS3Client(S3rverFixture.AccessKey, S3rverFixture.SecretKey, new AmazonS3Config
        {
            ServiceURL = _s3.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        client.PutBucketAsync(Bucket).GetAwaiter().GetResult();
        foreach (var (key, file) in ObjectStoreLayout.Objects())
        {
            client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"cluster/{key}", FilePath = file, UseChunkEncoding = false }).GetAwaiter().GetResult();
        }
    }
}

/// <summary>The objects both object-store finder tests lay out: (key under the folder, corpus file).</summary>
internal static class ObjectStoreLayout
{
    public static IEnumerable<(string Key, string File)> Objects()
    {
        yield return ("local-1619631016646.lzf", Corpus.Path("reencoded/local-1619631016646.lzf"));
        var rolling = Corpus.Path("reencoded/eventlog_v2_application_1603128018386_7846");
        foreach (var file in Directory.GetFiles(rolling).Order(StringComparer.Ordinal))
        {
            yield return ($"eventlog_v2_application_1603128018386_7846/{Path.GetFileName(file)}", file);
        }
    }
}
