using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class HistoryServerEventLogSourceTests : IAsyncLifetime
{
    private readonly TempDir _logs = new();
    private HistoryServerStandIn _server = null!;

    public async Task InitializeAsync()
    {
        File.Copy(Corpus.Path(SourceCorpus.SingleFile), _logs.File("local-1532512550423"));
        var rolling = Directory.CreateDirectory(_logs.File("eventlog_v2_application_1603128018386_7846"));
        foreach (var file in Directory.GetFiles(Corpus.Path(SourceCorpus.Rolling)))
        {
            File.Copy(file, Path.Combine(rolling.FullName, Path.GetFileName(file)));
        }

        _server = await HistoryServerStandIn.StartAsync(_logs.Path);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public void Resolve_ServerRoot_ListsAndDownloadsEveryApplication()
    {
        var inputs = EventLogSourceResolver.Resolve(_server.BaseUrl, new SourceOptions { Environment = _ => null });

        _server.Downloads.Should().Be(2);
        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.SingleFile, SourceCorpus.Rolling);
        inputs.Should().OnlyContain(i => i.Path.StartsWith(_server.BaseUrl + "/api/v1/applications/", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_ServerRootWithALimit_ReadsOnlyThatManyApplications()
    {
        var inputs = EventLogSourceResolver.Resolve(_server.BaseUrl, new SourceOptions { HistoryServerMaxApplications = 1, Environment = _ => null });

        _server.Downloads.Should().Be(1);
        inputs.Should().ContainSingle();
    }

    [Theory]
    [InlineData("/local-1532512550423")]
    [InlineData("/history/local-1532512550423/1")]
    [InlineData("/api/v1/applications/local-1532512550423")]
    public void Resolve_OneApplication_DownloadsOnlyIt(string path)
    {
        var inputs = EventLogSourceResolver.Resolve(_server.BaseUrl + path, new SourceOptions { Environment = _ => null });

        _server.Downloads.Should().Be(1);
        SourceCorpus.ShouldMatchLocal(inputs, SourceCorpus.SingleFile);
        inputs[0].Layout.Should().Be("zip-member");
    }

    [Fact]
    public void Resolve_UnknownApplication_ThrowsNamingTheUrl()
    {
        var act = () => EventLogSourceResolver.Resolve(_server.BaseUrl + "/app-nope", new SourceOptions { Environment = _ => null });

        act.Should().Throw<EventLogFormatException>().Which.Message.Should()
            .Be($"{_server.BaseUrl}/api/v1/applications/app-nope/logs: no such application on the history server (404)");
    }

    [Fact]
    public void Resolve_BasicAuthInTheUrl_IsSentButNeverShown()
    {
        const string secret = "hs-Passw0rd-Not-For-Logs";
        _server.RequireBasicAuth = "analyst:" + secret;
        var url = _server.BaseUrl.Replace("http://", $"http://analyst:{secret}@", StringComparison.Ordinal);

        var inputs = EventLogSourceResolver.Resolve(url + "/local-1532512550423", new SourceOptions { Environment = _ => null });
        var run = new EventLogReader().Read(inputs.Single());

        run.Totals.Tasks.Should().Be(SourceCorpus.ReadLocal(SourceCorpus.SingleFile).Totals.Tasks);
        var visible = string.Join("\n", inputs.Select(i => i.Path).Concat(inputs.SelectMany(i => i.Parts.Select(p => p.Name)))
            .Concat(run.Warnings.Select(w => w.ToString())).Append(run.Source.Path).Concat(run.Source.Parts));
        visible.Should().NotContain(secret).And.NotContain("analyst:");

        _server.RequireBasicAuth = "analyst:other";
        var act = () => EventLogSourceResolver.Resolve(url, new SourceOptions { Environment = _ => null });
        var ex = act.Should().Throw<EventLogFormatException>().Which;
        ex.Message.Should().Contain("authentication failed (401)");
        ex.ToString().Should().NotContain(secret);
    }
}
