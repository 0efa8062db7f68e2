using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Engine;

/// <summary>What the finder says it tried reaches status and Kubernetes Events: never with a URL's credentials.</summary>
public sealed class EventLogFinderMessageTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Find_Missing_TriedListsTheHistoryServerWithoutItsPassword()
    {
        const string historyServer = "http://reader:s3cr3t-Pa55@127.0.0.1:9/";
        var finder = new EventLogFinder(SourceOptions.Default with { HttpTimeout = TimeSpan.FromSeconds(2) }, historyServer,
            new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, historyServer, [_root.Path]));

        var found = finder.Find(new EventLogLocation(_root.Path, "spark-0a1b2c3d", Rolling: true, Codec: null), out var tried);

        found.Should().BeNull();
        tried.Should().Contain("127.0.0.1:9").And.NotContain("s3cr3t-Pa55").And.NotContain("reader:");
    }
}
