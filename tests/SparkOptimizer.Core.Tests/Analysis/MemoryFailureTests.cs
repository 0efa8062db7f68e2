using System.Text.Json.Nodes;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis;

/// <summary>JVM OOM and container kills planted into a real Kubernetes run: each gets its own lever, and neither lowers memory.</summary>
public sealed class MemoryFailureTests
{
    private const string Delight = "delight/example_spark_event_log.txt";

    [Fact]
    public void Analyze_JvmOutOfMemoryPlanted_RaisesExecutorHeapNotOverhead()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("oom"), 1, (i, task) =>
        {
            if (i == 4)
            {
                PlantedLog.SetFailure(task, "ExceptionFailure", "java.lang.OutOfMemoryError", "Java heap space");
            }
        });
        var run = PlantedLog.Read(path);
        var heap = RunFacts.From(run).ExecutorMemoryBytes;

        var report = new AnalysisPipeline().Analyze(run);

        var failure = report.Findings.Should().ContainSingle(f => f.Category == "failures").Subject;
        failure.StageIds.Should().Equal(1);
        failure.Severity.Should().Be(Severity.Severe);
        var memory = report.ConfigChanges.Should().ContainSingle(c => c.Key == "spark.executor.memory").Subject;
        ByteSize.TryParse(memory.To, out var to, ByteSize.MiB).Should().BeTrue();
        to.Bytes.Should().BeGreaterThan(heap);
        report.ConfigChanges.Should().NotContain(c => c.Key == "spark.executor.memoryOverhead");
    }

    [Fact]
    public void Analyze_ContainerKillPlanted_RaisesOverheadAndCallsItAContainerKill()
    {
        using var dir = new TempDir();
        var path = PlantedLog.PlantEvents(Corpus.Path(Delight), dir.File("oomkilled"), e =>
        {
            if ((string?)e["Event"] != "SparkListenerApplicationEnd")
            {
                return [e];
            }

            var removed = new JsonObject
            {
                ["Event"] = "SparkListenerExecutorRemoved",
                ["Timestamp"] = (long)e["Timestamp"]! - 1000,
                ["Executor ID"] = "2",
                ["Removed Reason"] = "The executor with id 2 exited with exit code 137(SIGKILL, possible container OOM).",
            };
            return [removed, e];
        });
        var run = PlantedLog.Read(path);

        var report = new AnalysisPipeline().Analyze(run);

        var failure = report.Findings.Should().ContainSingle(f => f.Category == "failures").Subject;
        failure.ExecutorIds.Should().Contain("2");
        failure.Explanation.Should().Contain("exit 137");
        report.ConfigChanges.Should().Contain(c => c.Key == "spark.executor.memoryOverhead" && c.FindingIds.Contains("failures"));
    }
}
