using System.Text.Json;
using SparkOptimizer.Mcp;
using SparkOptimizer.Testing;
using Xunit.Abstractions;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class AnalyzeToolTests(McpServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task Analyze_SmallLog_AgreesWithTheCliJson()
    {
        var path = Corpus.Path("sparklint/spark_event_log_example");
        var cli = CliJson.Analyze(path);

        var (mcp, _) = await server.CallJsonAsync("analyze", new() { ["path"] = path, ["topN"] = 20 });

        mcp.GetProperty("schemaVersion").GetInt32().Should().Be(McpDefaults.SchemaVersion);
        mcp.GetProperty("application").GetProperty("id").GetString().Should().Be(cli.GetProperty("application").GetProperty("id").GetString());
        mcp.GetProperty("application").GetProperty("durationMs").GetInt64().Should().Be(312516);
        mcp.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(cli.GetProperty("totals").GetProperty("tasks").GetInt64());
        Findings(mcp).Should().BeEquivalentTo(CliFindings(cli));
        ConfigChanges(mcp).Should().BeEquivalentTo(cli.GetProperty("configChanges").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
    }

    [Theory]
    [InlineData("spark_log_parser/emr.zip")]
    [InlineData("spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd")]
    public async Task Analyze_LargestSharedLogs_SummariseUnder20KB(string log)
    {
        var path = Corpus.Path(log);
        var cli = CliJson.Analyze(path);

        var (mcp, bytes) = await server.CallJsonAsync("analyze", new() { ["path"] = path, ["topN"] = 20 });

        output.WriteLine($"{log}: analyze answer {bytes} bytes (CLI JSON {cli.GetRawText().Length} chars, {cli.GetProperty("stages").GetArrayLength()} stages)");
        bytes.Should().BeLessThan(20_000);
        mcp.GetProperty("findings").GetProperty("total").GetInt32().Should().Be(cli.GetProperty("findings").GetArrayLength());
        Findings(mcp).Should().BeEquivalentTo(CliFindings(cli));
        ConfigChanges(mcp).Should().BeEquivalentTo(cli.GetProperty("configChanges").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
        mcp.GetProperty("totals").GetProperty("stages").GetInt32().Should().Be(cli.GetProperty("totals").GetProperty("stages").GetInt32());
    }

    [Fact]
    public async Task Analyze_Paging_SecondPageContinuesTheFirst()
    {
        var path = Corpus.Path("sparklint/spark_event_log_example");
        var (all, _) = await server.CallJsonAsync("analyze", new() { ["path"] = path, ["topN"] = 20 });
        var (first, _) = await server.CallJsonAsync("analyze", new() { ["path"] = path, ["topN"] = 2 });
        var next = first.GetProperty("findings").GetProperty("nextOffset").GetInt32();
        var (second, _) = await server.CallJsonAsync("analyze", new() { ["path"] = path, ["topN"] = 2, ["offset"] = next });

        next.Should().Be(2);
        Ids(first).Concat(Ids(second)).Should().Equal(Ids(all).Take(4));
    }

    private static string[] Ids(JsonElement mcp) =>
        mcp.GetProperty("findings").GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();

    private static Dictionary<string, string> Findings(JsonElement mcp) =>
        mcp.GetProperty("findings").GetProperty("items").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("severity").GetString()!);

    private static Dictionary<string, string> CliFindings(JsonElement cli) =>
        cli.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("severity").GetString()!);

    private static Dictionary<string, string?> ConfigChanges(JsonElement mcp) =>
        mcp.GetProperty("configChanges").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("to").GetString());
}
