using Amazon.S3;
using Amazon.S3.Model;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Testing.Emulators;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class S3EventLogSourceTests : IClassFixture<S3rverFixture>
{
    private const string Bucket = "spark-logs";
    private readonly S3rverFixture _s3;

    public S3EventLogSourceTests(S3rverFixture s3)
    {
        _s3 = s3;
        UploadOnce.Run($"{s3.ServiceUrl}/{Bucket}", () =>
        {
            Upload();
        });
    }

    private SourceOptions Options => new()
    {
        S3ServiceUrl = _s3.ServiceUrl,
        S3AccessKey = S3rverFixture.AccessKey,
        S3SecretKey = S3rverFixture.SecretKey,
        Environment = _ => null,
    };

    [Fact]
    public void Resolve_PrefixHoldingEveryLayout_FindsEachApplicationWithLocalTotals()
    {
        var inputs = EventLogSourceResolver.Resolve($"s3://{Bucket}/logs", Options);

        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.All);
        inputs.Single(i => i.Layout == "spark-rolling").Parts.Select(p => p.Name).Should().OnlyContain(n => n.StartsWith($"s3://{Bucket}/logs/eventlog_v2_", StringComparison.Ordinal));
        inputs.Should().ContainSingle(i => i.Layout == "databricks-rolled");
    }

    [Fact]
    public void Resolve_S3aSingleCompressedObject_ReadsItAsOneApplication()
    {
        var inputs = EventLogSourceResolver.Resolve($"s3a://{Bucket}/logs/application_1603128018386_7756.lz4", Options);

        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.Compressed);
        inputs[0].Layout.Should().Be("file");
    }

    [Fact]
    public void Open_Part_StreamsTheResponseInsteadOfBufferingTheObject()
    {
        var part = EventLogSourceResolver.Resolve($"s3://{Bucket}/logs/local-1532512550423", Options).Single().Parts.Single();

        using var stream = part.Open();

        stream.Should().NotBeOfType<MemoryStream>();
        stream.CanSeek.Should().BeFalse("the part is the GetObject response body, read as it arrives");
        part.Length.Should().Be(new FileInfo(SparkOptimizer.Testing.Corpus.Path(SourceCorpus.SingleFile)).Length);
    }

    [Fact]
    public void Resolve_GsThroughTheS3XmlApi_ReadsWithHmacKeys()
    {
        var options = new SourceOptions
        {
            GcsEndpoint = _s3.ServiceUrl,
            GcsHmacAccessId = S3rverFixture.AccessKey,
            GcsHmacSecret = S3rverFixture.SecretKey,
            Environment = _ => null,
        };

        var inputs = EventLogSourceResolver.Resolve($"gs://{Bucket}/logs/application_1603128018386_7756.lz4", options);

        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.Compressed);
        inputs[0].Path.Should().Be($"gs://{Bucket}/logs/application_1603128018386_7756.lz4");
    }

    [Fact]
    public void Resolve_ZipObject_IsDownloadedAndReadAsTheLocalZipIs()
    {
        var inputs = EventLogSourceResolver.Resolve($"s3://{Bucket}/zips/databricks.zip", Options);

        var local = new LocalEventLogLocator().Locate(SparkOptimizer.Testing.Corpus.Path("spark_log_parser/databricks.zip"));
        inputs.Select(i => i.Layout).Should().Equal(local.Select(i => i.Layout));
        inputs.Should().OnlyContain(i => i.Path.StartsWith($"s3://{Bucket}/zips/databricks.zip!", StringComparison.Ordinal));
        new EventLogReader().Read(inputs[0]).Totals.Should().BeEquivalentTo(new EventLogReader().Read(local[0]).Totals);
    }

    [Fact]
    public void Resolve_CredentialsFromTheEnvironment_AreUsed()
    {
        var env = new Dictionary<string, string>
        {
            [SourceEnvironment.AwsAccessKey] = S3rverFixture.AccessKey,
            [SourceEnvironment.AwsSecretKey] = S3rverFixture.SecretKey,
            [SourceEnvironment.AwsEndpointS3] = _s3.ServiceUrl,
        };

        var inputs = EventLogSourceResolver.Resolve($"s3://{Bucket}/logs/local-1532512550423", new SourceOptions { Environment = k => env.GetValueOrDefault(k) });

        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.SingleFile);
    }

    [Fact]
    public void Resolve_NoSuchBucket_ThrowsNamingTheUri()
    {
        var act = () => EventLogSourceResolver.Resolve("s3://no-such-bucket/logs", Options);

        act.Should().Throw<EventLogFormatException>().Which.Message.Should().Be("s3://no-such-bucket/logs: no such bucket 'no-such-bucket'");
    }

    [Fact]
    public void Resolve_NoSuchKey_ThrowsNamingTheUri()
    {
        var act = () => EventLogSourceResolver.Resolve($"s3://{Bucket}/nothing/here", Options);

        act.Should().Throw<EventLogFormatException>().WithMessage($"s3://{Bucket}/nothing/here: no such key*");
    }

    // s3rver checks the access key id but not the signature, so a wrong secret cannot be tested against it.
    [Fact]
    public void Resolve_UnknownAccessKey_FailsAsAuthenticationWithoutPrintingTheKey()
    {
        const string key = "AKIANOTKNOWNTOTHESTORE";
        const string secret = "an0ther-Secret-That-Must-Not-Leak";

        var act = () => EventLogSourceResolver.Resolve($"s3://{Bucket}/logs", Options with { S3AccessKey = key, S3SecretKey = secret });

        var ex = act.Should().Throw<EventLogFormatException>().Which;
        ex.Message.Should().Contain("authentication failed");
        ex.ToString().Should().NotContain(secret).And.NotContain(key);
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
        client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket, Key = "zips/databricks.zip", FilePath = SparkOptimizer.Testing.Corpus.Path("spark_log_parser/databricks.zip"), UseChunkEncoding = false,
        }).GetAwaiter().GetResult();
        foreach (var entry in SourceCorpus.All)
        {
            foreach (var (key, file) in SourceCorpus.Files(entry))
            {
                client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"logs/{key}", FilePath = file, UseChunkEncoding = false })
                    .GetAwaiter().GetResult();
            }
        }
    }
}
