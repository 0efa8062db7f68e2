using System.Text.Json;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class AnalyzeLogsTests
{
    [Fact]
    public void Analyze_WithExecutorLogHoldingAnOomAndAKill_AttachesThemAsEvidence()
    {
        using var dir = new TempDir();
        var log = dir.File("executor-3.log");
        var lines = File.ReadAllLines(Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog")).ToList();
        lines.Add("24/01/01 10:00:00 ERROR Executor: Exception in task 3.0 in stage 2.0 (TID 17)");
        lines.Add("java.lang.OutOfMemoryError: Java heap space");
        lines.Add("24/01/01 10:05:00 ERROR YarnScheduler: Lost executor 4 on host-7: Container killed by YARN for exceeding memory limits. 9.1 GB of 9 GB physical memory used.");
        File.WriteAllLines(log, lines);

        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("sparklint/spark_event_log_example"), "--logs", log, "--format", "json");

        exit.Should().Be(0);
        var finding = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "logs.memory");
        finding.GetProperty("severity").GetString().Should().Be("critical");
        var evidence = finding.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("display").GetString()!).ToArray();
        evidence.Should().Contain(e => e.StartsWith("executor-3.log:", StringComparison.Ordinal) && e.Contains("OutOfMemoryError", StringComparison.Ordinal));
        evidence.Should().Contain(e => e.Contains("Container killed by YARN", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_WithACleanDriverLog_AddsNoMemoryFinding()
    {
        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("sparklint/spark_event_log_example"), "--logs", Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog"), "--format", "json");

        exit.Should().Be(0);
        JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Should().NotContain(f => f.GetProperty("id").GetString() == "logs.memory" && f.GetProperty("severity").GetString() == "critical");
    }

    [Fact]
    public void Analyze_WithAGpuOutOfMemoryInTheLog_PointsAtRapidsNotTheHeap()
    {
        using var dir = new TempDir();
        var log = dir.File("executor-1.log");
        var lines = File.ReadAllLines(Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog")).ToList();
        lines.Add("23/11/07 11:01:10.500 Executor task launch worker for task 1.0 in stage 6.0 (TID 12) ERROR Executor: com.nvidia.spark.rapids.jni.GpuSplitAndRetryOOM: GPU OutOfMemory: could not split inputs and retry");
        File.WriteAllLines(log, lines);

        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("spark-rapids-tools/spark-events-profiling/rapids_join_eventlog.zstd"), "--logs", log, "--format", "json");

        exit.Should().BeOneOf(0, 3);
        var finding = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == "logs.memory");
        finding.GetProperty("severity").GetString().Should().Be("severe");
        finding.GetProperty("evidence").EnumerateArray().Should().Contain(e => e.GetProperty("display").GetString()!.Contains("GpuSplitAndRetryOOM", StringComparison.Ordinal));
        var advice = string.Join("\n", finding.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        advice.Should().Contain("spark.rapids.sql.concurrentGpuTasks").And.NotContain("Raise spark.executor.memory");
        finding.GetProperty("whatWouldNotHelp").GetString().Should().Contain("the GPU ran out of memory");
    }
}
