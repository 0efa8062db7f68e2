using Azure.Storage.Blobs;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing.Emulators;

namespace SparkOptimizer.Tests.Engine;

/// <summary>The finder lists an Azure container path (Azurite, through Azure.Storage.Blobs) for the names Spark gave the app's log.</summary>
public sealed class EventLogFinderAzureTests : IClassFixture<AzuriteFixture>
{
    private const string Container = "spark-events";
    private readonly AzuriteFixture _azurite;

    public EventLogFinderAzureTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        UploadOnce.Run($"{azurite.BlobEndpoint}/{Container}", () =>
        {
            var container = new BlobContainerClient(azurite.ConnectionString, Container);
            container.CreateIfNotExists();
            foreach (var (key, file) in ObjectStoreLayout.Objects())
            {
                container.GetBlobClient($"cluster/{key}").Upload(file, overwrite: true);
            }
        });
    }

    private EventLogFinder Finder() => new(
        new SourceOptions { AzureConnectionString = _azurite.ConnectionString, Environment = _ => null }, null,
        new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, null, []));

    private static string Folder => $"abfss://{Container}@{AzuriteFixture.Account}.dfs.core.windows.net/cluster";

    [Fact]
    public void Search_ManifestDeclaresZstdButSparkWroteLzf_ListsThePathAndReadsIt()
    {
        var search = Finder().Search(new EventLogLocation(Folder, "local-1619631016646", Rolling: false, Codec: "zstd"));

        search.Tried.Should().Be($"{Folder}/local-1619631016646.lzf");
        new EventLogReader().Read(search.Input!).Application.Id.Should().Be("local-1619631016646");
    }

    [Fact]
    public void Search_RollingFolder_IsFoundAsAVirtualFolder()
    {
        var search = Finder().Search(new EventLogLocation(Folder + "/", "application_1603128018386_7846", Rolling: false, Codec: null));

        search.Tried.Should().Be($"{Folder}/eventlog_v2_application_1603128018386_7846");
        search.Input!.Parts.Should().HaveCount(3);
    }
}
