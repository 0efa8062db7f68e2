using System.Net;
using SparkOptimizer.Cli;
using SparkOptimizer.Cli.Commands;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public void Serve_MissingFolder_ReturnsUsage()
    {
        var (exit, _, stderr) = CliRunner.Run("serve", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N")));

        exit.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("no such folder");
    }

    [Fact]
    public async Task Serve_FolderOfLogs_ServesTheFleetUntilCancelled()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("dr-elephant/event_log_1"), dir.File("event_log_1"));
        var stdout = new AddressWriter();
        using var stop = new CancellationTokenSource();

        var serving = ServeCommand.ExecuteAsync(new DirectoryInfo(dir.Path), "http://127.0.0.1:0", null, stdout, TextWriter.Null, stop.Token);
        var address = await stdout.Address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await http.GetAsync("/api/fleet");
        var body = await response.Content.ReadAsStringAsync();
        await stop.CancelAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("PythonPi");
        (await serving.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(ExitCodes.Ok);
    }
}
