using SparkOptimizer.Cli;
using SparkOptimizer.History;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class AnalyzeHistoryTests
{
    private const string TaxiLog = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b";

    [Fact]
    public async Task Analyze_WithHistoryTwice_RecordsTheRunOnceUnderItsCohort()
    {
        using var dir = new TempDir();
        var file = dir.File("history.db");

        var (exit, stdout, stderr) = CliRunner.Run("analyze", Corpus.Path(TaxiLog), "--format", "json", "--history", file);
        var (again, _, stderrAgain) = CliRunner.Run("analyze", Corpus.Path(TaxiLog), "--history", file);

        exit.Should().Be(ExitCodes.Ok);
        again.Should().Be(ExitCodes.Ok);
        stdout.TrimStart().Should().StartWith("{", "the history line goes to standard error, so JSON output stays one document");
        stderr.Should().Contain("history: recorded 1 run(s)");
        stderrAgain.Should().Contain("(1 already there)");
        await using var store = await SqliteRunHistoryStore.OpenAsync(file);
        (await store.ListCohortsAsync()).Should().Equal("NewYorkTaxiData");
        var run = (await store.GetCohortAsync("NewYorkTaxiData")).Should().ContainSingle().Subject;
        run.AppId.Should().StartWith("spark-110be3a8424d4a2789cb88134418217b");
        run.StartedAt.Should().NotBeNull();
        run.DurationMs.Should().BePositive();
        run.Configuration.Should().ContainKey("spark.executor.memory").And.NotContainKey("spark.app.id");
        run.Verification.State.Should().Be(VerificationState.None);
    }

    [Fact]
    public void Analyze_HistoryInAFolderThatCannotBeCreated_KeepsTheReportAndExitsFour()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("not-a-folder"), "x");

        var (exit, stdout, stderr) = CliRunner.Run("analyze", Corpus.Path(TaxiLog), "--history", Path.Combine(dir.File("not-a-folder"), "history.db"));

        exit.Should().Be(ExitCodes.HistoryUnwritable);
        stdout.Should().NotBeEmpty("the report is written before the history");
        stderr.Should().Contain("error: --history");
        stderr.Should().NotContain("   at ");
    }
}
