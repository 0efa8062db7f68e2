using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class McpServerTests(McpServerFixture server)
{
    [Fact]
    public async Task ListTools_OverStdio_ReturnsTheFiveReadOnlyTools()
    {
        var tools = await server.Client.ListToolsAsync();

        tools.Select(t => t.Name).Should().BeEquivalentTo("analyze", "explain_finding", "whatif", "compare_runs", "history");
        tools.Should().OnlyContain(t => t.ProtocolTool.Annotations!.ReadOnlyHint == true && t.ProtocolTool.Annotations.DestructiveHint == false);
        tools.Should().OnlyContain(t => !string.IsNullOrWhiteSpace(t.Description));
        tools.Single(t => t.Name == "whatif").JsonSchema.GetProperty("properties").TryGetProperty("changes", out _).Should().BeTrue();
        tools.SelectMany(t => t.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name)).Should().NotContain("cancellationToken");
        server.Client.ServerInstructions.Should().Contain("Logs this server may read: any local path or URI that this machine's user can read.")
            .And.EndWith("This server has no run history (history reads folders only).");
    }

    [Theory]
    [InlineData("analyze", "no such file or folder")]
    [InlineData("explain_finding", "no such file or folder")]
    [InlineData("whatif", "no such file or folder")]
    public async Task Tool_MissingFile_IsAToolErrorWithoutStackTrace(string tool, string expected)
    {
        var result = await server.CallAsync(tool, new() { ["path"] = "/nonexistent/eventlog-1", ["findingId"] = "x" });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain(expected).And.Contain("/nonexistent/eventlog-1").And.NotContain(" at SparkOptimizer");
        server.Stderr.Should().NotContain("McpException", "an input error is an answer, not a crash to log");
    }

    [Fact]
    public async Task Analyze_NotAnEventLog_SaysSo()
    {
        var result = await server.CallAsync("analyze", new() { ["path"] = Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog") });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain("not a Spark event log").And.NotContain(" at SparkOptimizer");
    }

    [Fact]
    public async Task Analyze_BadPaging_IsAToolError()
    {
        var result = await server.CallAsync("analyze", new() { ["path"] = Corpus.Path("sparklint/spark_event_log_example"), ["topN"] = 0 });

        result.IsError.Should().BeTrue();
        McpServerFixture.Text(result).Should().Contain("topN must be at least 1");
    }
}
