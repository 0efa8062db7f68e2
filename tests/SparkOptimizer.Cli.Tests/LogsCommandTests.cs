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
}
