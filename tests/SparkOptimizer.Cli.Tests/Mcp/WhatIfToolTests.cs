using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class WhatIfToolTests(McpServerFixture server)
{
    [Fact]
    public async Task WhatIf_HalfTheExecutors_PredictsWhatTheCliPredicts()
    {
        var sample = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");
        var cli = CliJson.Run("whatif", sample, "--set", "spark.executor.instances=5", "-f", "json");

        var (mcp, bytes) = await server.CallJsonAsync("whatif", new()
        {
            ["path"] = sample,
            ["changes"] = new Dictionary<string, object> { ["spark.executor.instances"] = 5 },
        });

        bytes.Should().BeLessThan(20_000);
        mcp.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        var p = mcp.GetProperty("prediction");
        var c = cli.GetProperty("prediction");
        p.GetProperty("durationMs").GetInt64().Should().Be(c.GetProperty("durationMs").GetInt64());
        p.GetProperty("low").GetInt64().Should().Be(c.GetProperty("low").GetInt64());
        p.GetProperty("high").GetInt64().Should().Be(c.GetProperty("high").GetInt64());
        p.GetProperty("cost").GetProperty("amount").GetDecimal().Should().Be(c.GetProperty("cost").GetDecimal());
        p.GetProperty("cost").GetProperty("low").GetDecimal().Should().BeLessThanOrEqualTo(p.GetProperty("cost").GetProperty("amount").GetDecimal());
        p.GetProperty("cost").GetProperty("high").GetDecimal().Should().BeGreaterThanOrEqualTo(p.GetProperty("cost").GetProperty("amount").GetDecimal());
        mcp.GetProperty("baseline").GetProperty("errorPct").GetDouble().Should().Be(cli.GetProperty("baseline").GetProperty("errorPct").GetDouble());
        mcp.GetProperty("config").GetProperty("executors").GetInt32().Should().Be(5);
    }

    [Fact]
    public async Task WhatIf_NoChanges_ReplaysTheObservedRun()
    {
        var path = Corpus.Path("sparklint/spark_event_log_example");

        var (mcp, _) = await server.CallJsonAsync("whatif", new() { ["path"] = path });

        mcp.GetProperty("baseline").GetProperty("observedMs").GetInt64().Should().Be(312516);
        mcp.GetProperty("prediction").GetProperty("low").GetInt64().Should().BeLessThanOrEqualTo(mcp.GetProperty("prediction").GetProperty("durationMs").GetInt64());
    }

    [Theory]
    [InlineData("spark.executor.instaces", "8", "not a setting the simulator models")]
    [InlineData("spark.executor.memory", "lots", "must be a size")]
    [InlineData("spark.executor.cores", "-2", "positive whole number")]
    public async Task WhatIf_BadChange_IsAToolError(string key, string value, string expected)
    {
        var result = await server.CallAsync("whatif", new()
        {
            ["path"] = Corpus.Path("sparklint/spark_event_log_example"),
            ["changes"] = new Dictionary<string, string> { [key] = value },
        });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain(expected);
    }

    [Fact]
    public async Task WhatIf_UnknownInstanceType_IsAToolError()
    {
        var result = await server.CallAsync("whatif", new() { ["path"] = Corpus.Path("sparklint/spark_event_log_example"), ["instanceType"] = "z9.mega" });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain("unknown instance type 'z9.mega'");
    }
}
