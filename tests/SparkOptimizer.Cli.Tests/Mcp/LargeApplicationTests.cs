using SparkOptimizer.Testing;
using Xunit.Abstractions;

namespace SparkOptimizer.Tests.Mcp;

[Collection(McpCollection.Name)]
public sealed class LargeApplicationTests(McpServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task Tools_HundredThousandTaskApplication_AnswerUnder20KB()
    {
        using var dir = new TempDir();
        var log = dir.File("application_1767225600000_0001");
        LargeEventLog.Write(log);
        output.WriteLine($"synthetic log: {new FileInfo(log).Length / 1e6:0.0} MB");

        var (analyze, analyzeBytes) = await server.CallJsonAsync("analyze", new() { ["path"] = log, ["topN"] = 20 });
        output.WriteLine($"analyze: {analyzeBytes} bytes, {analyze.GetProperty("findings").GetProperty("total")} findings, {analyze.GetProperty("findings").GetProperty("returned")} returned");
        output.WriteLine(analyze.TryGetProperty("truncated", out var cut) ? cut.GetString() : "not truncated");
        analyze.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(LargeEventLog.Stages * LargeEventLog.TasksPerStage);
        analyze.GetProperty("totals").GetProperty("stages").GetInt32().Should().Be(LargeEventLog.Stages);
        analyzeBytes.Should().BeLessThan(20_000);
        analyze.TryGetProperty("truncated", out _).Should().BeFalse("a full page of findings fits the bound");
        analyze.GetProperty("findings").GetProperty("returned").GetInt32().Should().Be(20);

        foreach (var finding in analyze.GetProperty("findings").GetProperty("items").EnumerateArray())
        {
            var (_, bytes) = await server.CallJsonAsync("explain_finding", new() { ["path"] = log, ["findingId"] = finding.GetProperty("id").GetString() });
            output.WriteLine($"explain_finding {finding.GetProperty("id")} ({finding.GetProperty("stageCount")} stages): {bytes} bytes");
            bytes.Should().BeLessThan(20_000);
        }

        var (_, compareBytes) = await server.CallJsonAsync("compare_runs", new() { ["baselinePath"] = log, ["candidatePath"] = log, ["topN"] = 20 });
        var (_, whatIfBytes) = await server.CallJsonAsync("whatif", new() { ["path"] = log, ["changes"] = new Dictionary<string, string> { ["spark.executor.instances"] = "50" } });
        var (_, historyBytes) = await server.CallJsonAsync("history", new() { ["folder"] = dir.Path });
        output.WriteLine($"compare_runs: {compareBytes} bytes, whatif: {whatIfBytes} bytes, history: {historyBytes} bytes");
        new[] { compareBytes, whatIfBytes, historyBytes }.Should().OnlyContain(b => b < 20_000);
    }
}
