using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Engine;

public sealed class EventLogSourcePolicyTests
{
    private static readonly EventLogSourcePolicy Policy = new(EventLogSourcePolicy.DefaultSchemes, "http://spark-history.spark:18080", ["/mnt/spark-events"]);

    [Theory]
    [InlineData("s3a://spark-events/")]
    [InlineData("gs://bucket/logs")]
    [InlineData("abfss://c@acct.dfs.core.windows.net/logs")]
    [InlineData("http://spark-history.spark:18080/api/v1")]
    [InlineData("/mnt/spark-events/team-a")]
    [InlineData("file:///mnt/spark-events")]
    [InlineData("file:/mnt/spark-events")]
    [InlineData("file:/mnt/spark-events/team-a/app-1.zstd")]
    [InlineData("file:///mnt/spark-events/team-a/app-1.zstd")]
    public void Allows_ConfiguredSources(string location)
    {
        Policy.Allows(location, out var reason).Should().BeTrue(reason);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "not an allowed event-log source")]
    [InlineData("https://evil.example.com/", "not an allowed event-log source")]
    [InlineData("http://spark-history.spark:9999/", "not an allowed event-log source")]
    [InlineData("/etc", "outside the allowed")]
    [InlineData("/mnt/spark-events/../../etc/shadow", "outside the allowed")]
    [InlineData("/mnt/spark-events-other", "outside the allowed")]
    [InlineData("ftp://host/x", "not an allowed event-log source")]
    [InlineData("file:/etc/passwd", "outside the allowed")]
    [InlineData("file:///etc/passwd", "outside the allowed")]
    [InlineData("file:/mnt/spark-events/../../etc/shadow", "outside the allowed")]
    [InlineData("file:///mnt/spark-events-other", "outside the allowed")]
    public void Refuses_EverythingElse(string location, string expected)
    {
        Policy.Allows(location, out var reason).Should().BeFalse();
        reason.Should().Contain(expected);
    }

    private static readonly EventLogSourcePolicy LocalHistoryServer = new(EventLogSourcePolicy.DefaultSchemes, "http://localhost:18080", ["/mnt/spark-events"]);

    [Theory]
    [InlineData("http://localhost:18080")]
    [InlineData("http://localhost:18080/")]
    [InlineData("http://localhost:18080/app-1")]
    [InlineData("http://LocalHost:18080/history/app-1/2")]
    [InlineData("HTTP://localhost:18080/api/v1/applications/app-1")]
    [InlineData("http://localhost:18080/x?limit=5")]
    [InlineData("http://localhost.:18080/x")]
    [InlineData("http://localhost:/x", "http://localhost")]
    [InlineData("http://svc.cluster.local.:18080/history/app-1", "http://svc.cluster.local:18080")]
    [InlineData("http://svc.cluster.local:18080/history/app-1", "http://svc.cluster.local.:18080")]
    [InlineData("http://bücher.example/history/app-1", "http://xn--bcher-kva.example")]
    public void Allows_TheConfiguredHistoryServer(string location, string configured = "http://localhost:18080")
    {
        var policy = new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, configured, ["/mnt/spark-events"]);

        policy.Allows(location, out var reason).Should().BeTrue(reason);
    }

    // System.Uri reads these as localhost:18080; the fetch's parse (SourceUri) reads some as 127.0.0.1:9999. Every form
    // whose authority is not plainly host[:port] is refused, as is any other host spelling, port or scheme.
    [Theory]
    [InlineData("http://localhost:18080?@127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080#@127.0.0.1:9999/x")]
    [InlineData("HTTP://localhost:18080?@127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080?x=1@127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080?@127.0.0.1:9999")]
    [InlineData("http://localhost:18080?@[::1]:9999/x")]
    [InlineData("http://localhost:18080@127.0.0.1:9999/x")]
    [InlineData("http://user:pw@localhost:18080/x")]
    [InlineData("http://user@localhost:18080/x")]
    [InlineData("http://localhost:18080\\@127.0.0.1:9999/x")]
    [InlineData("http://127.0.0.1:9999\\@localhost:18080/x")]
    [InlineData("http://localhost:18080\\127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080%40127.0.0.1:9999/x")]
    [InlineData("http://localhost%3A18080@127.0.0.1:9999/x")]
    [InlineData("http://%6Cocalhost:18080/x")]
    [InlineData("http://localhost:18080\t@127.0.0.1:9999/x")]
    [InlineData("http://localhost..:18080/x")]
    [InlineData("http://[::1]:18080/x")]
    [InlineData("http://127.0.0.1:18080/x")]
    [InlineData("http://localhost:9999/x")]
    [InlineData("http://localhost/x")]
    [InlineData("http://localhost:018080/x")]
    [InlineData("https://localhost:18080/x")]
    public void Refuses_AuthoritiesThatAreNotPlainlyTheHistoryServer(string location)
    {
        LocalHistoryServer.Allows(location, out var reason).Should().BeFalse(location);
        reason.Should().Contain("not an allowed event-log source").And.NotContain("pw");
    }

    [Theory]
    [InlineData("http://localhost:18080?@127.0.0.1:{0}/x")]
    [InlineData("http://localhost:18080#@127.0.0.1:{0}/x")]
    [InlineData("HTTP://localhost:18080?@127.0.0.1:{0}")]
    [InlineData("http://localhost:18080%40127.0.0.1:{0}/x")]
    [InlineData("http://localhost:18080\\@127.0.0.1:{0}/x")]
    [InlineData("http://localhost:18080@127.0.0.1:{0}/x")]
    public async Task Find_SpoofedHistoryServerDirectory_SendsNothingToTheListener(string template)
    {
        await using var listener = await JsonApiStandIn.StartAsync(new Dictionary<string, string>());
        var dir = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, listener.BaseUri.Port);
        var finder = new EventLogFinder(SourceOptions.Default with { HttpTimeout = TimeSpan.FromSeconds(5) }, "http://localhost:18080", LocalHistoryServer);

        var found = finder.Find(new EventLogLocation(dir, "x", Rolling: false, Codec: null), out var tried);

        found.Should().BeNull();
        tried.Should().StartWith("refused: ").And.Contain("not an allowed event-log source");
        listener.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("x/../../y")]
    [InlineData("x?@127.0.0.1:9999")]
    [InlineData("x\\y")]
    public void Find_AppIdThatIsNotAPlainId_IsRefused(string appId)
    {
        var finder = new EventLogFinder(SourceOptions.Default, "http://localhost:18080", LocalHistoryServer);

        var found = finder.Find(new EventLogLocation("/mnt/spark-events", appId, Rolling: false, Codec: null), out var tried);

        found.Should().BeNull();
        tried.Should().StartWith("refused: ").And.Contain("application id");
    }
}
