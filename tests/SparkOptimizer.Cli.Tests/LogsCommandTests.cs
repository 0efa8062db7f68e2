using System.Text.Json;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class LogsCommandTests
{
    [Fact]
    public void Logs_RealDriverLog_RecognisesNothingAndSaysSo()
    {
        var (exit, stdout, _) = CliRunner.Run("logs", Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog"));

        exit.Should().Be(0);
        stdout.Should().NotContain("OutOfMemory").And.NotContain("killed for memory");
    }

    [Fact]
    public void Logs_ExecutorLogWithKillsAsJson_ListsEventsAndSummary()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("driver.log"),
        [
            "23/11/07 11:01:03.000 dispatcher-event-loop-1 ERROR TaskSchedulerImpl: Lost executor 5 on 10.0.0.12: Container killed by YARN for exceeding physical memory limits. 10.4 GB of 10 GB physical memory used.",
            "23/11/07 11:01:06.000 Executor task launch worker for task 2.0 in stage 4.0 (TID 8) ERROR Executor: java.lang.OutOfMemoryError: Java heap space",
        ]);

        var (exit, stdout, _) = CliRunner.Run("logs", dir.File("driver.log"), "--executor", "driver", "--format", "json");
        var (_, text, _) = CliRunner.Run("logs", dir.File("driver.log"));

        exit.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("summary").GetProperty("executorsKilledForMemory")[0].GetString().Should().Be("5");
        doc.RootElement.GetProperty("events")[1].GetProperty("kind").GetString().Should().Be("heapOutOfMemory");
        text.Should().Contain("killed for memory (raise memoryOverhead, not heap): executors 5");
    }

    [Fact]
    public void Logs_ThreeThousandOomLinesAsJson_PagesTheKeptEventsAndCountsThemAll()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("executor.log"), Enumerable.Range(1, 3000).Select(i =>
            $"23/11/07 11:01:06.000 Executor task launch worker for task {i}.0 ERROR Executor: java.lang.OutOfMemoryError: Java heap space"));

        var (exit, stdout, _) = CliRunner.Run("logs", dir.File("executor.log"), "--format", "json", "--limit", "100", "--offset", "800");
        var (_, text, _) = CliRunner.Run("logs", dir.File("executor.log"), "--limit", "100", "--offset", "800");

        exit.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        var events = doc.RootElement.GetProperty("events");
        events.GetArrayLength().Should().Be(100);
        events[0].GetProperty("line").GetInt64().Should().Be(801);
        var page = doc.RootElement.GetProperty("page");
        page.GetProperty("kept").GetInt32().Should().Be(1000, "the first 1,000 of a kind are kept");
        page.GetProperty("next").GetInt32().Should().Be(900);
        var summary = doc.RootElement.GetProperty("summary");
        summary.GetProperty("counts").GetProperty("heapOutOfMemory").GetInt64().Should().Be(3000, "every event is counted");
        summary.GetProperty("notKept").GetInt64().Should().Be(2000);
        text.Split('\n').Count(l => l.Contains("HeapOutOfMemory  ", StringComparison.Ordinal)).Should().Be(100);
        text.Should().Contain("events 801-900 of 1000 kept; next page: --offset 900").And.Contain("3000 lines recognised: 3000 HeapOutOfMemory")
            .And.Contain("only the first 1000 of each kind are kept and listed; 2000 more are counted above");
    }

    [Fact]
    public void Logs_OneLineWithoutNewline_IsCutAndSaysWhere()
    {
        using var dir = new TempDir();
        var path = dir.File("one-line.log");
        File.WriteAllText(path, "java.lang.OutOfMemoryError: Direct buffer memory " + new string('x', 1 << 20));

        var (exit, stdout, stderr) = CliRunner.Run("logs", path);

        exit.Should().Be(0);
        stderr.Should().Be($"warning: {path}:1: line longer than 64 KiB cut there{Environment.NewLine}");
        stdout.Should().Contain("1 lines recognised: 1 DirectBufferOutOfMemory");
        stdout.Length.Should().BeLessThan(4000, "the message of a cut line is cut too");
    }

    [Fact]
    public void Logs_MissingFifoAndGoodFile_NamesEachBadFileAndReadsTheGoodOne()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("driver.log"), ["23/11/07 11:01:06.000 ERROR Executor: java.lang.OutOfMemoryError: Java heap space"]);
        using (var mk = System.Diagnostics.Process.Start("mkfifo", dir.File("pipe")))
        {
            mk.WaitForExit();
        }

        var (exit, stdout, stderr) = CliRunner.Run("logs", dir.File("missing.log"), dir.File("pipe"), dir.File("driver.log"));
        var (none, _, alone) = CliRunner.Run("logs", dir.File("missing.log"));

        exit.Should().Be(5, "some inputs were unreadable");
        stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            $"error: {dir.File("missing.log")}: no such file",
            $"error: {dir.File("pipe")}: a FIFO (named pipe), not a regular file");
        stdout.Should().Contain("1 lines recognised: 1 HeapOutOfMemory");
        (none, alone.Trim()).Should().Be((1, $"error: {dir.File("missing.log")}: no such file"));
    }

    [Theory]
    [InlineData("--limit", "0", "error: --limit must be between 1 and 10000, got 0")]
    [InlineData("--offset", "-1", "error: --offset must be 0 or more, got -1")]
    public void Logs_BadPaging_IsAUsageError(string option, string value, string expected)
    {
        var (exit, _, stderr) = CliRunner.Run("logs", Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog"), option, value);

        (exit, stderr.Trim()).Should().Be((2, expected));
    }
}
