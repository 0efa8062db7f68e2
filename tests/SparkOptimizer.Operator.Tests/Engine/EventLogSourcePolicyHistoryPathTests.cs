using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Engine;

/// <summary>A History Server behind a shared ingress is reached only under its own path, never the ingress's other routes.</summary>
public sealed class EventLogSourcePolicyHistoryPathTests
{
    private static readonly EventLogSourcePolicy Gateway = new(EventLogSourcePolicy.DefaultSchemes, "http://gateway.example.com/spark-history", ["/mnt/spark-events"]);

    [Theory]
    [InlineData("http://gateway.example.com/spark-history/api/v1/applications")]
    [InlineData("http://gateway.example.com/spark-history/history/")]
    [InlineData("http://gateway.example.com/spark-history/api/v1/applications/app-1")]
    [InlineData("http://gateway.example.com/spark-history/api/v1/applications/app-1/2/logs")]
    [InlineData("http://gateway.example.com/spark-history/history/app-1/2")]
    [InlineData("http://gateway.example.com//spark-history/history/app-1")]
    public void Allows_LocationsUnderTheHistoryServerPath(string location)
    {
        Gateway.Allows(location, out var reason).Should().BeTrue(reason);
    }

    [Theory]
    [InlineData("http://gateway.example.com/admin/secret")]
    [InlineData("http://gateway.example.com")]
    [InlineData("http://gateway.example.com/")]
    [InlineData("http://gateway.example.com/api/v1/applications/app-1")]
    [InlineData("http://gateway.example.com/spark-history-evil/history/app-1")]
    [InlineData("http://gateway.example.com/admin/spark-history/history/app-1")]
    [InlineData("http://gateway.example.com/Spark-History/history/app-1")]
    // The fetch reads a path without '/history' or '/api/v1/applications' as an application id at the server's root,
    // so these would be asked at http://gateway.example.com/api/v1/applications/spark-history/...
    [InlineData("http://gateway.example.com/spark-history")]
    [InlineData("http://gateway.example.com/spark-history/app-1")]
    public void Refuses_LocationsOutsideTheHistoryServerPath(string location)
    {
        Gateway.Allows(location, out var reason).Should().BeFalse(location);
        reason.Should().Contain("not an allowed event-log source");
    }

    // A dot segment, plain or encoded (or Tomcat's '..;'), an encoded '/' or '\' could walk the request out of the path
    // after the check; such a path is refused wherever it stands, even in the application id.
    [Theory]
    [InlineData("http://gateway.example.com/spark-history/../admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/./../admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/%2e%2e/admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/%2E%2E/admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/.%2e/admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/%252e%252e/admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/..;/admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/..%2fadmin/history/x")]
    [InlineData("http://gateway.example.com/spark-history%2f..%2fadmin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/x/..\\..\\admin/history/x")]
    [InlineData("http://gateway.example.com/spark-history/history/../..")]
    [InlineData("http://gateway.example.com/spark-history/api/v1/applications/%2e%2e/%2e%2e")]
    public void Refuses_PathsThatWalkOutOfTheHistoryServerPath(string location)
    {
        Gateway.Allows(location, out var reason).Should().BeFalse(location);
        reason.Should().Contain("not an allowed event-log source");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://shs:18080")]
    [InlineData("http://user:hunter2@shs:99999")]
    [InlineData("http://user:hunter2@shs:18080?@evil:80/")]
    [InlineData("http://shs:18080/spark-history/../admin")]
    [InlineData("http://shs:18080/spark%2fhistory")]
    public void Constructor_HistoryServerUrlThatCannotBeRead_IsAConfigurationError(string configured)
    {
        var act = () => new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, configured, []);

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Engine:HistoryServerUrl").And.NotContain("hunter2");
    }

    [Fact]
    public void AddEngine_HistoryServerUrlThatCannotBeRead_StopsStartupNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:HistoryServerUrl"] = "http://ops:hunter2@shs:18080?@evil:80/",
        }).Build();

        var act = () => new ServiceCollection().AddEngine(configuration);

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Engine:HistoryServerUrl").And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/admin/secret")]
    [InlineData("http://127.0.0.1:{0}/")]
    [InlineData("http://127.0.0.1:{0}/spark-history/../admin/history/x")]
    [InlineData("http://127.0.0.1:{0}/spark-history/%2e%2e/admin/history/x")]
    [InlineData("http://127.0.0.1:{0}/spark-history/..%2fadmin/history/x")]
    [InlineData("http://127.0.0.1:{0}/spark-history-evil/history/x")]
    public async Task Find_DirectoryOutsideTheHistoryServerPath_SendsNothingToTheListener(string template)
    {
        await using var listener = await JsonApiStandIn.StartAsync(new Dictionary<string, string>());
        var (finder, _) = FinderFor(listener);
        var dir = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, listener.BaseUri.Port);

        var found = finder.Find(new EventLogLocation(dir, "x", Rolling: false, Codec: null), out var tried);

        found.Should().BeNull();
        tried.Should().StartWith("refused: ").And.Contain("not an allowed event-log source");
        listener.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Find_HistoryServerCandidate_IsAskedUnderItsPath()
    {
        await using var listener = await JsonApiStandIn.StartAsync(new Dictionary<string, string>());
        var (finder, _) = FinderFor(listener);

        var found = finder.Find(new EventLogLocation("/mnt/spark-events", "app-1", Rolling: false, Codec: null), out var tried);

        found.Should().BeNull();
        tried.Should().NotContain("refused");
        listener.Requests.Select(r => r.PathAndQuery).Should().Equal("/spark-history/api/v1/applications/app-1/logs");
    }

    private static (EventLogFinder Finder, string HistoryServer) FinderFor(JsonApiStandIn listener)
    {
        var historyServer = $"http://127.0.0.1:{listener.BaseUri.Port}/spark-history";
        var policy = new EventLogSourcePolicy(EventLogSourcePolicy.DefaultSchemes, historyServer, ["/mnt/spark-events"]);
        return (new EventLogFinder(SourceOptions.Default with { HttpTimeout = TimeSpan.FromSeconds(5) }, historyServer, policy), historyServer);
    }
}
