using System.Text.Json;
using SparkOptimizer.Testing;
using Xunit.Abstractions;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class ExplainFindingToolTests(McpServerFixture server, ITestOutputHelper output)
{
    [Theory]
    [InlineData("sparklint/spark_event_log_example")]
    [InlineData("spark_log_parser/emr.zip")]
    public async Task ExplainFinding_EveryFinding_CarriesTheCliEvidenceAndStages(string log)
    {
        var path = Corpus.Path(log);
        var cli = CliJson.Analyze(path);

        foreach (var expected in cli.GetProperty("findings").EnumerateArray())
        {
            var id = expected.GetProperty("id").GetString()!;
            var (mcp, bytes) = await server.CallJsonAsync("explain_finding", new() { ["path"] = path, ["findingId"] = id });

            output.WriteLine($"{log} {id}: {bytes} bytes");
            bytes.Should().BeLessThan(20_000);
            var finding = mcp.GetProperty("finding");
            finding.GetProperty("severity").GetString().Should().Be(expected.GetProperty("severity").GetString());
            finding.GetProperty("explanation").GetString().Should().NotBeNullOrWhiteSpace();
            Metrics(finding.GetProperty("evidence")).Should().Equal(Metrics(expected.GetProperty("evidence")).Take(finding.GetProperty("evidence").GetArrayLength()));
            finding.GetProperty("evidenceCount").GetInt32().Should().Be(expected.GetProperty("evidence").GetArrayLength());
            finding.GetProperty("whatWouldNotHelp").ToString().Should().Be(expected.GetProperty("whatWouldNotHelp").ToString());
            var stageIds = expected.GetProperty("stageIds").EnumerateArray().Select(s => s.GetInt32()).ToList();
            var shown = mcp.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stageId").GetInt32()).ToList();
            if (stageIds.Count > 0)
            {
                shown.Should().Contain(stageIds.Take(10), "every stage the finding names is explained");
            }
        }
    }

    [Fact]
    public async Task ExplainFinding_SkewedStage_ShowsTheTaskDistribution()
    {
        var path = Corpus.Path("sparklint/spark_event_log_example");
        var cli = CliJson.Analyze(path);
        var withStage = cli.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("stageIds").GetArrayLength() > 0);

        var (mcp, _) = await server.CallJsonAsync("explain_finding", new() { ["path"] = path, ["findingId"] = withStage.GetProperty("id").GetString() });

        var stage = mcp.GetProperty("stages")[0];
        var cliStage = cli.GetProperty("stages").EnumerateArray().First(s => s.GetProperty("stageId").GetInt32() == stage.GetProperty("stageId").GetInt32());
        stage.GetProperty("taskDurationMs").GetProperty("max").GetInt64().Should().Be(cliStage.GetProperty("taskDurationMs").GetProperty("max").GetInt64());
        stage.GetProperty("taskDurationMs").GetProperty("p50").GetInt64().Should().Be(cliStage.GetProperty("taskDurationMs").GetProperty("p50").GetInt64());
        stage.GetProperty("slowestTasks").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ExplainFinding_UnknownId_IsAToolErrorListingTheRunsFindings()
    {
        var path = Corpus.Path("sparklint/spark_event_log_example");
        var firstId = CliJson.Analyze(path).GetProperty("findings")[0].GetProperty("id").GetString()!;

        var result = await server.CallAsync("explain_finding", new() { ["path"] = path, ["findingId"] = "no-such-finding" });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain("unknown finding id 'no-such-finding'").And.Contain(firstId);
    }

    private static string[] Metrics(JsonElement evidence) => evidence.EnumerateArray().Select(e => e.GetProperty("metric").GetString()!).ToArray();
}
