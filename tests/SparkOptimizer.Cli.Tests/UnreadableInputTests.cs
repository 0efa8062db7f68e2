using System.Text.Json;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class UnreadableInputTests
{
    private static string Sample => Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

    [Fact]
    public void Analyze_OneOfSeveralInputsUnreadable_ExitsFiveAndTheJsonReportNamesItWithTheReason()
    {
        using var dir = new TempDir();
        var empty = dir.File("empty.log");
        File.WriteAllText(empty, string.Empty);
        var driverLog = Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog");

        var (exit, stdout, stderr) = CliProcess.Run("analyze", Sample, "/nonexistent/log", driverLog, empty, "--format", "json");

        exit.Should().Be(5);
        var root = JsonDocument.Parse(stdout).RootElement;
        root.GetProperty("application").GetProperty("name").GetString().Should().NotBeNullOrEmpty("the readable input is still reported");
        var failed = root.GetProperty("failedInputs").EnumerateArray().Select(f => (f.GetProperty("input").GetString(), f.GetProperty("reason").GetString())).ToArray();
        failed.Select(f => f.Item1).Should().Equal("/nonexistent/log", driverLog, empty);
        failed[0].Item2.Should().Be("no such file or folder");
        failed[1].Item2.Should().StartWith("not a Spark event log: this looks like a driver or executor log");
        failed[2].Item2.Should().NotBeNullOrWhiteSpace();
        stderr.Should().Contain($"1 application(s) analysed, 3 input(s) could not be read: /nonexistent/log, {driverLog}, {empty}");
    }

    [Fact]
    public void Analyze_OneInputUnreadableAsText_TheReportEndsWithTheInputsThatFailed()
    {
        var (exit, stdout, _) = CliProcess.Run("analyze", Sample, "/nonexistent/log");

        exit.Should().Be(5);
        stdout.Should().StartWith("SPARK OPTIMIZATION REPORT");
        stdout.TrimEnd().Should().EndWith("INPUTS THAT COULD NOT BE READ\n=============================\n- /nonexistent/log: no such file or folder");
    }

    [Fact]
    public void Analyze_OneInputUnreadableAsMarkdown_TheReportHasATableOfThem()
    {
        var (exit, stdout, _) = CliRunner.Run("analyze", Sample, "/nonexistent/log", "--format", "markdown");

        exit.Should().Be(5);
        stdout.Should().Contain("## Inputs that could not be read\n\n| input | reason |\n|---|---|\n| `/nonexistent/log` | no such file or folder |");
    }

    [Fact]
    public void Analyze_EveryInputUnreadable_StillExitsOne()
    {
        var (exit, _, stderr) = CliProcess.Run("analyze", "/nonexistent/a", "/nonexistent/b");

        exit.Should().Be(1);
        stderr.Should().Contain("0 applications analysed: every input failed");
    }

    [Fact]
    public void Analyze_EveryInputReadable_ExitsZeroWithoutFailedInputs()
    {
        var (exit, stdout, _) = CliRunner.Run("analyze", Sample, "--format", "json");

        exit.Should().Be(0);
        JsonDocument.Parse(stdout).RootElement.TryGetProperty("failedInputs", out _).Should().BeFalse();
    }
}
