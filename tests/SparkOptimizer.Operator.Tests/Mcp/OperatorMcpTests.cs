using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.History;
using SparkOptimizer.Ingest;
using SparkOptimizer.Mcp;
using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Trust;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Mcp;
using SparkOptimizer.Testing.StandIns;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>The MCP tools on the operator's port, confined by the operator's own event-log source policy.</summary>
[Collection(OperatorHostCollection.Name)]
public sealed class OperatorMcpTests(OperatorMcpFixture host) : IClassFixture<OperatorMcpFixture>
{
    [Fact]
    public async Task ListTools_OverHttpFromTheOperator_ReturnsTheFiveReadOnlyTools()
    {
        var tools = await host.Client.ListToolsAsync();

        tools.Select(t => t.Name).Should().BeEquivalentTo("analyze", "explain_finding", "whatif", "compare_runs", "history");
        tools.Should().OnlyContain(t => t.ProtocolTool.Annotations!.ReadOnlyHint == true && t.ProtocolTool.Annotations.DestructiveHint == false);
        host.Client.ServerInstructions.Should().Contain($"local paths under {host.Root}; object-store URIs s3://").And.Contain($"the History Server {host.HistoryServerUrl}");
    }

    [Fact]
    public async Task Analyze_LogUnderTheLocalRoot_AgreesWithTheEngine()
    {
        var path = Path.Combine(host.Root, OperatorMcpFixture.Log);
        var engine = new AnalysisPipeline().Analyze(new LocalEventLogLocator().Locate(path).Single());

        var mcp = await McpHttpClient.CallJsonAsync(host.Client, "analyze", new() { ["path"] = path, ["topN"] = 20 });

        mcp.GetProperty("application").GetProperty("id").GetString().Should().Be(engine.Run.Application.Id);
        mcp.GetProperty("application").GetProperty("durationMs").GetInt64().Should().Be(312516);
        mcp.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(engine.Run.Totals.Tasks);
        Findings(mcp).Should().NotBeEmpty().And.BeEquivalentTo(engine.Findings.ToDictionary(f => f.Id, f => f.Severity.ToString().ToLowerInvariant()));
    }

    [Fact]
    public async Task Analyze_ApplicationOnTheConfiguredHistoryServer_IsRead()
    {
        var local = new AnalysisPipeline().Analyze(new LocalEventLogLocator().Locate(Corpus.Path("dr-elephant/" + OperatorMcpFixture.HistoryApp)).Single());

        var mcp = await McpHttpClient.CallJsonAsync(host.Client, "analyze", new() { ["path"] = $"{host.HistoryServerUrl}/{OperatorMcpFixture.HistoryApp}" });

        mcp.GetProperty("source").GetProperty("path").GetString().Should().StartWith(host.HistoryServerUrl);
        mcp.GetProperty("application").GetProperty("id").GetString().Should().NotBeNullOrEmpty().And.Be(local.Run.Application.Id);
        mcp.GetProperty("totals").GetProperty("stages").GetInt32().Should().Be(local.Run.Totals.Stages);
        Findings(mcp).Should().BeEquivalentTo(AnalyzeTool.Ranked(local).Take(5).ToDictionary(f => f.Id, f => f.Severity.ToString().ToLowerInvariant()));
    }

    [Theory]
    [InlineData("absolute", "is outside the allowed event-log folders")]
    [InlineData("traversal", "is outside the allowed event-log folders")]
    [InlineData("link", "symbolic link (or lies under one) that leads outside")]
    [InlineData("metadata-url", "is not an allowed event-log source")]
    [InlineData("other-scheme", "is not an allowed event-log source")]
    public async Task Analyze_WhatTheOperatorMayNotRead_IsAClearToolError(string kind, string expected)
    {
        var path = kind switch
        {
            "absolute" => OperatorMcpFixture.Outside,
            "traversal" => Path.Combine(host.Root, "..") + string.Concat(Enumerable.Repeat("/..", host.Root.Count(c => c == '/'))) + OperatorMcpFixture.Outside,
            "link" => Path.Combine(host.Root, OperatorMcpFixture.Link),
            "metadata-url" => "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "other-scheme" => "ftp://example.com/spark-events/app-1",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var result = await McpHttpClient.CallAsync(host.Client, "analyze", new() { ["path"] = path });

        var text = McpHttpClient.Text(result);
        result.IsError.Should().BeTrue(text);
        text.Should().StartWith("path: ").And.Contain(expected).And.NotContain("schemaVersion").And.NotContain(" at SparkOptimizer");
    }

    // The History Server's own address, then a second authority that a looser parse would take for the host.
    [Theory]
    [InlineData("{shs}?@127.0.0.1:{port}/x")]
    [InlineData("{shs}#@127.0.0.1:{port}/x")]
    [InlineData("{SHS}?@127.0.0.1:{port}/x")]
    [InlineData("{shs}@127.0.0.1:{port}/x")]
    [InlineData("{shs}%40127.0.0.1:{port}/x")]
    [InlineData("{shs}\\@127.0.0.1:{port}/x")]
    [InlineData("{shs}?@[::1]:{port}/x")]
    [InlineData("http://127.0.0.1:{port}/x")]
    public async Task Analyze_UrlThatOnlyLooksLikeTheHistoryServer_IsRefusedAndNothingIsSent(string template)
    {
        await using var listener = await JsonApiStandIn.StartAsync(new Dictionary<string, string>());
        var path = template
            .Replace("{shs}", host.HistoryServerUrl, StringComparison.Ordinal)
            .Replace("{SHS}", host.HistoryServerUrl.Replace("http://", "HTTP://", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("{port}", listener.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var result = await McpHttpClient.CallAsync(host.Client, "analyze", new() { ["path"] = path });

        var text = McpHttpClient.Text(result);
        result.IsError.Should().BeTrue(text);
        text.Should().StartWith("path: ").And.Contain("is not an allowed event-log source");
        listener.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Host_McpDisabled_ServesNoMcpEndpoint()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = harness.WriteKubeconfig();
        try
        {
            var app = OperatorApp.Build(
                ["--urls=http://127.0.0.1:0", $"--Operator:Kubeconfig={kubeconfig}", "--Operator:LeaderElection:Enabled=false", "--Mcp:Enabled=false"],
                builder => builder.Logging.ClearProviders());
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                using var mcp = await http.PostAsync(new Uri("/mcp", UriKind.Relative), new StringContent("{}"));
                using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

                mcp.StatusCode.Should().Be(HttpStatusCode.NotFound);
                health.IsSuccessStatusCode.Should().BeTrue();
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task History_CohortOfTheOperatorsOwnStore_ReturnsWhatItsLedgerRecorded()
    {
        using var data = new TempDir();
        var historyFile = data.File("history.db");
        var report = new AnalysisPipeline().Analyze(new LocalEventLogLocator().Locate(Corpus.Path("sparklint/spark_event_log_example")).Single());
        const string cohort = "spark-jobs/etl";
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = harness.WriteKubeconfig();
        try
        {
            var app = OperatorApp.Build(
                [
                    "--urls=http://127.0.0.1:0", $"--Operator:Kubeconfig={kubeconfig}", "--Operator:LeaderElection:Enabled=false",
                    "--Engine:History:Provider=sqlite", $"--Engine:History:SqlitePath={historyFile}",
                ],
                builder => builder.Logging.ClearProviders());
            await app.StartAsync();
            try
            {
                // Written the way the operator writes: through its ledger, into the store it was given.
                var ledger = app.Services.GetRequiredService<CohortLedger>();
                var duration = report.Run.Application.DurationMs!.Value;
                var record = RunRecord.From(report, cohort, null, null) with { Prediction = new PredictedRun(duration, duration - 1000, duration + 1000, null, 0.8, "Replay") };
                await ledger.AddRunAsync(cohort, CohortRun.From(report.Run), record, CancellationToken.None);
                await ledger.SaveProposalAsync(
                    new ProposalRecord(cohort, "fp-1", new Dictionary<string, string> { ["spark.sql.shuffle.partitions"] = "64" }, [], null, duration, record.InputBytes, 7, null, ProposalStatus.Proposed, record.FinishedAt!.Value),
                    CancellationToken.None);
                await using var client = await McpHttpClient.ConnectAsync(new Uri(new Uri(app.Urls.First()), "/mcp"));

                var mcp = await McpHttpClient.CallJsonAsync(client, "history", new() { ["cohort"] = cohort });
                var unknown = await McpHttpClient.CallAsync(client, "history", new() { ["cohort"] = "spark-jobs/other" });

                app.Services.GetRequiredService<IRunHistoryStore>().Should().BeOfType<SqliteRunHistoryStore>().Which.Path.Should().Be(historyFile);
                client.ServerInstructions.Should().Contain("the operator's run history");
                var run = mcp.GetProperty("runs").GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
                run.GetProperty("id").GetString().Should().Be(report.Run.Application.Id);
                run.GetProperty("durationMs").GetInt64().Should().Be(312516);
                run.GetProperty("prediction").GetProperty("inInterval").GetBoolean().Should().BeTrue();
                mcp.GetProperty("intervalCoverage").GetProperty("share").GetDouble().Should().Be(1.0);
                mcp.GetProperty("proposals").GetProperty("items")[0].GetProperty("pullRequest").GetProperty("number").GetInt32().Should().Be(7);
                unknown.IsError.Should().BeTrue();
                McpHttpClient.Text(unknown).Should().Contain($"its cohorts are: {cohort}");
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static Dictionary<string, string> Findings(JsonElement mcp) =>
        mcp.GetProperty("findings").GetProperty("items").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("severity").GetString()!);
}
