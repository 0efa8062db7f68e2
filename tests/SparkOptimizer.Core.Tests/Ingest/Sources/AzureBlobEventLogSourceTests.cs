using Azure.Storage.Blobs;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Testing.Emulators;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class AzureBlobEventLogSourceTests : IClassFixture<AzuriteFixture>
{
    private const string Container = "spark-logs";
    private readonly AzuriteFixture _azurite;

    public AzureBlobEventLogSourceTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        UploadOnce.Run($"{azurite.BlobEndpoint}/{Container}", () =>
        {
            var container = new BlobContainerClient(azurite.ConnectionString, Container);
            container.CreateIfNotExists();
            foreach (var entry in SourceCorpus.All)
            {
                foreach (var (key, file) in SourceCorpus.Files(entry))
                {
                    container.GetBlobClient($"cluster/logs/{key}").Upload(file, overwrite: true);
                }
            }
        });
    }

    private static string Uri(string scheme, string path) => $"{scheme}://{Container}@{AzuriteFixture.Account}.dfs.core.windows.net/{path}";

    [Fact]
    public void Resolve_AbfssPrefixWithConnectionString_FindsEachApplicationWithLocalTotals()
    {
        var options = new SourceOptions { AzureConnectionString = _azurite.ConnectionString, Environment = _ => null };

        var inputs = EventLogSourceResolver.Resolve(Uri("abfss", "cluster/logs/"), options);

        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.All);
    }

    [Fact]
    public void Resolve_WasbWithAccountKeyFromEnvironment_ReadsTheRollingFolder()
    {
        var env = new Dictionary<string, string>
        {
            [SourceEnvironment.AzureAccountKey] = AzuriteFixture.AccountKey,
            [SourceEnvironment.AzureBlobEndpoint] = _azurite.BlobEndpoint,
        };
        var uri = $"wasb://{Container}@{AzuriteFixture.Account}.blob.core.windows.net/cluster/logs/eventlog_v2_application_1603128018386_7846";

        var inputs = EventLogSourceResolver.Resolve(uri, new SourceOptions { Environment = k => env.GetValueOrDefault(k) });

        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.Rolling);
        inputs[0].Parts.Should().HaveCount(3).And.OnlyContain(p => p.Name.StartsWith("wasb://", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_NoSuchContainer_ThrowsNamingTheUri()
    {
        var options = new SourceOptions { AzureConnectionString = _azurite.ConnectionString, Environment = _ => null };
        var uri = $"abfs://missing@{AzuriteFixture.Account}.dfs.core.windows.net/logs";

        var act = () => EventLogSourceResolver.Resolve(uri, options);

        act.Should().Throw<EventLogFormatException>().Which.Message.Should().Be($"{uri}: no such container 'missing'");
    }

    [Fact]
    public void Resolve_WrongAccountKey_FailsAsAuthenticationWithoutPrintingTheKey()
    {
        var wrongKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray());
        var options = new SourceOptions { AzureAccountKey = wrongKey, AzureBlobEndpoint = _azurite.BlobEndpoint, Environment = _ => null };

        var act = () => EventLogSourceResolver.Resolve(Uri("abfss", "cluster/logs"), options);

        var ex = act.Should().Throw<EventLogFormatException>().Which;
        ex.Message.Should().StartWith(Uri("abfss", "cluster/logs") + ": ").And.Contain("refused");
        ex.ToString().Should().NotContain(wrongKey).And.NotContain(AzuriteFixture.AccountKey);
    }
}
