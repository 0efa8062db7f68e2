using System.Text.Json;
using SparkOptimizer.Cli;
using SparkOptimizer.Cli.Commands;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests;

public sealed class AnalyzeFollowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnalyzeFollow_LogGrowsUntilTheApplicationEnds_PrintsSummariesThenTheFinalReport()
    {
        using var dir = new TempDir();
        var path = dir.File("app.inprogress");
        var lines = File.ReadAllLines(Corpus.Path("sparklint/spark_event_log_example"));
        File.WriteAllText(path, string.Concat(lines.Take(lines.Length / 2).Select(l => l + "\n")));
        using var stdout = new StringWriter();
        using var stderr = new SignallingWriter("[follow]");
        var settings = new AnalyzeFollow.Settings("30s", "20ms", TimeProvider.System, null);

        var run = Task.Run(() => AnalyzeFollow.Execute([path], settings, OutputFormat.Json, null, null, null, stdout, stderr));
        (await stderr.Seen.WaitAsync(Patience)).Should().BeTrue("the first half is summarised");
        File.AppendAllText(path, string.Concat(lines.Skip(lines.Length / 2).Select(l => l + "\n")));
        var exit = await run.WaitAsync(Patience);

        exit.Should().Be(ExitCodes.Ok);
        stderr.ToString().Should().Contain("[follow] application_1462781278026_205691").And.Contain("application ended: final report follows");
        stderr.ToString().Split('\n').Count(l => l.StartsWith("[follow]", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(2);
        using var doc = JsonDocument.Parse(stdout.ToString());
        doc.RootElement.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(204);
    }

    [Fact]
    public void Analyze_FollowTimeoutOnALogThatNeverEnds_ReportsWhatWasRead()
    {
        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("reencoded/local-1622814619968.inprogress"), "--follow", "--follow-timeout", "3s", "--follow-interval", "50ms");

        exit.Should().Be(ExitCodes.Ok);
        stdout.Should().Contain("[follow] local-1622814619968").And.Contain("stopped following before the application ended").And.Contain("SPARK OPTIMIZATION REPORT");
    }

    [Fact]
    public void Analyze_FollowWithBadTimeout_IsAUsageError()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze", "x", "--follow", "--follow-timeout", "soon");

        exit.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain("'soon' is not a duration");
    }

    [Fact]
    public async Task Analyze_HistoryServerUrlWithPassword_ReportsWithoutShowingThePassword()
    {
        const string secret = "cli-Hs-Secret-42";
        using var logs = new TempDir();
        File.Copy(Corpus.Path("sparklint/spark_event_log_example"), logs.File("application_1462781278026_205691"));
        await using var server = await HistoryServerStandIn.StartAsync(logs.Path);
        server.RequireBasicAuth = "ops:" + secret;
        var url = server.BaseUrl.Replace("http://", $"http://ops:{secret}@", StringComparison.Ordinal);

        var (exit, stdout, stderr) = await Task.Run(() => CliRunner.Run("analyze", url + "/application_1462781278026_205691", "--format", "json"));
        var (badExit, _, badStderr) = await Task.Run(() => CliRunner.Run("analyze", url.Replace(secret, "wrong-" + secret, StringComparison.Ordinal)));

        exit.Should().Be(ExitCodes.Ok);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(204);
        (stdout + stderr).Should().NotContain(secret);
        badExit.Should().Be(ExitCodes.NothingReadable);
        badStderr.Should().Contain("authentication failed (401)").And.NotContain(secret);
    }
}
