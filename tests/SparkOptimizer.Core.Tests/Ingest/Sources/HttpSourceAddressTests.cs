using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class HttpSourceAddressTests
{
    [Theory]
    [InlineData("http://shs:18080", "http", null, "shs", 18080)]
    [InlineData("HTTP://Shs:18080/app-1?x=@y", "http", null, "Shs", 18080)]
    [InlineData("https://shs/history/app-1", "https", null, "shs", 443)]
    [InlineData("http://shs", "http", null, "shs", 80)]
    [InlineData("http://ops:p%40ss@shs:18080/app-1", "http", "ops:p@ss", "shs", 18080)]
    [InlineData("http://[::1]:18080/x", "http", null, "[::1]", 18080)]
    [InlineData("http://spark-history.spark.svc.cluster.local:18080", "http", null, "spark-history.spark.svc.cluster.local", 18080)]
    [InlineData("http://spark-history.spark.svc.cluster.local.:18080/x", "http", null, "spark-history.spark.svc.cluster.local", 18080)]
    [InlineData("http://localhost:/x", "http", null, "localhost", 80)]
    [InlineData("https://shs:", "https", null, "shs", 443)]
    [InlineData("http://bücher.example:18080/x", "http", null, "xn--bcher-kva.example", 18080)]
    [InlineData("http://xn--bcher-kva.example:18080/x", "http", null, "xn--bcher-kva.example", 18080)]
    public void TryParse_PlainAuthority_IsTheServerTheFetchReaches(string uri, string scheme, string? userInfo, string host, int port)
    {
        HttpSourceAddress.TryParse(uri, out var address, out var problem).Should().BeTrue(problem);

        address.Should().Be(new HttpSourceAddress(scheme, userInfo, host, port));
    }

    [Theory]
    [InlineData("http://localhost:18080?@127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080#@127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080\\@127.0.0.1:9999/x")]
    [InlineData("http://a@b@127.0.0.1:9999/x")]
    [InlineData("http://localhost:18080%40127.0.0.1:9999/x")]
    [InlineData("http://%6Cocalhost:18080/x")]
    [InlineData("http://localhost..:18080/x")]
    [InlineData("http://.:18080/x")]
    [InlineData("http://[fe80::1%25eth0]:18080/x")]
    [InlineData("http://localhost\uFF0Eevil.example:18080/x")]
    [InlineData("http://localhost\u3002evil.example:18080/x")]
    [InlineData("http://localhost:18080 /x")]
    [InlineData("http://localhost:18080\n@127.0.0.1:9999/x")]
    [InlineData("http://localhost:65536/x")]
    [InlineData("http://localhost:0/x")]
    [InlineData("http:///x")]
    [InlineData("s3://bucket/x")]
    public void TryParse_AuthorityThatParsersReadDifferently_IsRefused(string uri)
    {
        HttpSourceAddress.TryParse(uri, out var address, out var problem).Should().BeFalse();

        address.Should().BeNull();
        problem.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("http://svc.cluster.local.:18080/x", "http://svc.cluster.local:18080")]
    [InlineData("http://SVC.cluster.local:18080/x", "http://svc.cluster.local.:18080/")]
    [InlineData("http://bücher.example/x", "http://xn--bcher-kva.example:80")]
    [InlineData("http://localhost:/x", "http://localhost:80")]
    public void SameServerAs_SpellingsOfOneServer_AreTheSameServer(string uri, string other)
    {
        HttpSourceAddress.TryParse(uri, out var a, out var problem).Should().BeTrue(problem);
        HttpSourceAddress.TryParse(other, out var b, out problem).Should().BeTrue(problem);

        a!.SameServerAs(b!).Should().BeTrue();
    }

    [Fact]
    public async Task Resolve_AuthorityHidingASecondServer_RefusesBeforeAnyRequest()
    {
        await using var listener = await JsonApiStandIn.StartAsync(new Dictionary<string, string>());
        var uri = $"http://localhost:18080?@127.0.0.1:{listener.BaseUri.Port}/x";

        var act = () => EventLogSourceResolver.Resolve(uri, new SourceOptions { Environment = _ => null, HttpTimeout = TimeSpan.FromSeconds(5) });

        act.Should().Throw<EventLogFormatException>().Which.Message.Should().Contain("plainly host[:port]");
        listener.Requests.Should().BeEmpty();
    }
}
