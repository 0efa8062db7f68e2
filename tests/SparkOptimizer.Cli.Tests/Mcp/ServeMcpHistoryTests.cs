using SparkOptimizer.Cli.Commands;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Mcp;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>`serve DIR --history FILE`: the HTTP tools read a cohort from the run history as the stdio server does.</summary>
public sealed class ServeMcpHistoryTests
{
    [Fact]
    public async Task Serve_WithHistory_HistoryToolReadsTheCohortOverHttp()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("dr-elephant/event_log_1"), dir.File("event_log_1"));
        var history = dir.File("history.db");
        var (exit, _, stderr) = CliRunner.Run("analyze", dir.File("event_log_1"), "--history", history);
        exit.Should().Be(0, stderr);
        var cli = CliJson.Analyze(dir.File("event_log_1")).GetProperty("application");
        using var stop = new CancellationTokenSource();
        var stdout = new AddressWriter();
        var serving = ServeCommand.ExecuteAsync(new DirectoryInfo(dir.Path), "http://127.0.0.1:0", null, stdout, TextWriter.Null, stop.Token, new FileInfo(history));
        var address = await stdout.Address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            await using var client = await McpHttpClient.ConnectAsync(new Uri(address.TrimEnd('/') + "/mcp"));

            var mcp = await McpHttpClient.CallJsonAsync(client, "history", new() { ["cohort"] = "PythonPi" });

            client.ServerInstructions.Should().Contain($"Run history (history with cohort): the run history {history}");
            var run = mcp.GetProperty("runs").GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
            run.GetProperty("id").GetString().Should().Be(cli.GetProperty("id").GetString());
            run.GetProperty("durationMs").GetInt64().Should().Be(cli.GetProperty("durationMs").GetInt64());
        }
        finally
        {
            await stop.CancelAsync();
            (await serving.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        }
    }
}
