using SparkOptimizer.Testing;
using Xunit.Abstractions;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class CompareRunsToolTests(McpServerFixture server, ITestOutputHelper output)
{
    private static readonly string Dsv1 = Corpus.Path("spark-rapids-tools/spark-events-profiling/eventlog_dsv1.zstd");
    private static readonly string Dsv2 = Corpus.Path("spark-rapids-tools/spark-events-profiling/eventlog_dsv2.zstd");

    [Fact]
    public async Task CompareRuns_TwoRunsOfOneJob_MatchesStagesByNameAndAgreesWithTheCli()
    {
        var a = CliJson.Analyze(Dsv1);
        var b = CliJson.Analyze(Dsv2);

        var (mcp, bytes) = await server.CallJsonAsync("compare_runs", new() { ["baselinePath"] = Dsv1, ["candidatePath"] = Dsv2, ["topN"] = 20 });

        output.WriteLine($"compare_runs: {bytes} bytes");
        bytes.Should().BeLessThan(20_000);
        mcp.GetProperty("sameJob").GetBoolean().Should().BeTrue();
        var time = mcp.GetProperty("time");
        time.GetProperty("baseline").GetInt64().Should().Be(a.GetProperty("application").GetProperty("durationMs").GetInt64());
        time.GetProperty("delta").GetInt64().Should().Be(b.GetProperty("application").GetProperty("durationMs").GetInt64() - a.GetProperty("application").GetProperty("durationMs").GetInt64());
        mcp.GetProperty("data").GetProperty("inputBytes").GetProperty("candidate").GetInt64().Should().Be(b.GetProperty("totals").GetProperty("inputBytes").GetInt64());
        var stages = mcp.GetProperty("stages");
        stages.GetProperty("total").GetInt32().Should().Be(a.GetProperty("stages").GetArrayLength());
        var pair = stages.GetProperty("items")[0];
        var cliStage = b.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stageId").GetInt32() == pair.GetProperty("candidate").GetProperty("stageId").GetInt32());
        cliStage.GetProperty("name").GetString().Should().StartWith(pair.GetProperty("name").GetString()!.TrimEnd('…'));
        pair.GetProperty("candidate").GetProperty("durationMs").GetInt64().Should().Be(cliStage.GetProperty("durationMs").GetInt64());
        var deltas = stages.GetProperty("items").EnumerateArray().Select(s => Math.Abs(s.GetProperty("deltaMs").GetInt64())).ToList();
        deltas.Should().BeInDescendingOrder();
    }

    [Fact]
    public async Task CompareRuns_LargestLogAgainstItself_IsBoundedAndShowsNoChange()
    {
        var emr = Corpus.Path("spark_log_parser/emr.zip");

        var (mcp, bytes) = await server.CallJsonAsync("compare_runs", new() { ["baselinePath"] = emr, ["candidatePath"] = emr, ["topN"] = 20 });

        output.WriteLine($"compare_runs emr.zip x2: {bytes} bytes");
        bytes.Should().BeLessThan(20_000);
        mcp.GetProperty("conf").GetProperty("changed").GetInt32().Should().Be(0);
        mcp.GetProperty("time").GetProperty("delta").GetInt64().Should().Be(0);
        mcp.GetProperty("stages").GetProperty("total").GetInt32().Should().BeGreaterThan(1000);
        mcp.GetProperty("stages").GetProperty("returned").GetInt32().Should().Be(20);
    }
}
