using System.Text.Json.Nodes;
using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

/// <summary>
/// GPU out-of-memory on a real RAPIDS run (nds_q66_gpu: 2 concurrent GPU tasks, stage 23 of 2,185 tasks). The corpus has no
/// GpuRetryOOM, so the tests plant RAPIDS' task metrics into the stage's completion and GpuSplitAndRetryOOM task failures.
/// </summary>
public sealed class GpuMemoryAnalyzerTests
{
    private const string Log = "spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd";
    private const int Stage = 23;

    [Fact]
    public void Analyze_RetriesPlantedInStageMetrics_NamesTheStageAndHalvesConcurrentGpuTasks()
    {
        using var dir = new TempDir();
        var run = PlantedLog.Read(PlantRetries(dir.File("retries"), retries: 40, splits: 3, blocked: "00:00:30.000"));

        run.Stages.Single(s => s.StageId == Stage).Accumulators.Should().Contain(new KeyValuePair<string, long>(RapidsTaskMetrics.RetryBlockTime, 30_000))
            .And.Contain(new KeyValuePair<string, long>(RapidsTaskMetrics.RetryCount, 40));
        var finding = new GpuMemoryAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().ContainSingle().Subject;

        finding.StageIds.Should().Equal(Stage);
        finding.Title.Should().Be("GPU Memory Retries (RAPIDS)");
        var changes = finding.Recommendations.Where(r => r.Change is not null).Select(r => r.Change!).ToArray();
        changes[0].Key.Should().Be("spark.rapids.sql.concurrentGpuTasks");
        changes[0].From.Should().Be("2");
        changes[0].To.Should().Be("1");
        changes.Should().Contain(c => c.Key == "spark.rapids.sql.batchSizeBytes");
        changes.Should().NotContain(c => c.Key == "spark.executor.memory" || c.Key == "spark.executor.memoryOverhead");
        finding.WhatWouldNotHelp.Should().Contain("heap");
    }

    [Fact]
    public void Analyze_TasksFailedWithGpuSplitAndRetryOom_IsAtLeastModerateAndNoHeapChange()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Log), dir.File("oom"), Stage, (i, taskEnd) =>
        {
            if (i < 3)
            {
                PlantedLog.SetFailure(taskEnd, "ExceptionFailure", "com.nvidia.spark.rapids.jni.GpuSplitAndRetryOOM", "GPU OutOfMemory: could not split inputs and retry");
            }
        });
        var run = PlantedLog.Read(path);
        var context = new AnalysisContext(run, Thresholds.Default);

        var gpu = new GpuMemoryAnalyzer().Analyze(context).Should().ContainSingle().Subject;
        gpu.Severity.Should().BeOneOf(Severity.Moderate, Severity.Severe, Severity.Critical);
        gpu.Title.Should().Be("GPU Out of Memory (RAPIDS)");
        gpu.Evidence.Should().Contain(e => e.StageId == Stage && e.Display.Contains("3 task(s) failed with a GPU OOM"));

        // The failure finding calls it a GPU OOM, not the JVM's, and proposes no heap.
        var failures = new FailureAnalyzer().Analyze(context).Should().ContainSingle().Subject;
        failures.Explanation.Should().Contain("GPU memory");
        failures.Recommendations.Should().NotContain(r => r.Change != null && r.Change.Key == "spark.executor.memory");
        FailureClassifier.Classify("ExceptionFailure", "ExceptionFailure: com.nvidia.spark.rapids.jni.GpuRetryOOM: GPU OutOfMemory").Should().Be(FailureKind.GpuOutOfMemory);
        FailureClassifier.Classify("ExceptionFailure", "ExceptionFailure: java.lang.OutOfMemoryError: Could not allocate native memory: std::bad_alloc: out_of_memory: RMM failure")
            .Should().Be(FailureKind.GpuOutOfMemory, "cuDF's older GPU OOM wears a JVM OutOfMemoryError's name");
        FailureClassifier.Classify("ExceptionFailure", "ExceptionFailure: java.lang.OutOfMemoryError: Java heap space").Should().Be(FailureKind.JvmOutOfMemory);
    }

    [Fact]
    public void Analyze_RetriesPlantedIntoACpuRun_HasNoFinding()
    {
        // The same metric names on a run without the RAPIDS plugin: not a GPU run, nothing to say.
        using var dir = new TempDir();
        var path = PlantedLog.PlantEvents(Corpus.Path("spark-rapids-tools/spark-events-profiling/rp_nosql_eventlog"), dir.File("cpu"), e =>
        {
            if ((string?)e["Event"] == "SparkListenerStageCompleted")
            {
                Accumulables(e).Add(Accumulable(9001, RapidsTaskMetrics.RetryCount, "5"));
            }

            return [e];
        });

        new GpuMemoryAnalyzer().Analyze(new AnalysisContext(PlantedLog.Read(path), Thresholds.Default)).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_UntouchedRapidsCorpusRuns_HaveNoGpuMemoryFinding()
    {
        var rapids = CorpusRuns.All.Where(r => Accelerator.Rapids.IsOn(r.Run)).ToArray();
        rapids.Length.Should().BeGreaterThan(3);
        rapids.SelectMany(r => new GpuMemoryAnalyzer().Analyze(new AnalysisContext(r.Run, Thresholds.Default))).Should().BeEmpty();
    }

    private static string PlantRetries(string target, long retries, long splits, string blocked) =>
        PlantedLog.PlantEvents(Corpus.Path(Log), target, e =>
        {
            if ((string?)e["Event"] == "SparkListenerStageCompleted" && (int?)e["Stage Info"]!["Stage ID"] == Stage)
            {
                var acc = Accumulables(e);
                acc.Add(Accumulable(9001, RapidsTaskMetrics.RetryCount, retries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                acc.Add(Accumulable(9002, RapidsTaskMetrics.SplitAndRetryCount, splits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                acc.Add(Accumulable(9003, RapidsTaskMetrics.RetryBlockTime, blocked));
            }

            return [e];
        });

    private static JsonArray Accumulables(JsonObject stageCompleted)
    {
        var info = stageCompleted["Stage Info"]!.AsObject();
        if (info["Accumulables"] is not JsonArray acc)
        {
            info["Accumulables"] = acc = [];
        }

        return acc;
    }

    /// <summary>As RAPIDS' GpuTaskMetrics log them: counts as numbers in strings, times as HH:MM:SS.mmm.</summary>
    private static JsonObject Accumulable(long id, string name, string value) =>
        new() { ["ID"] = id, ["Name"] = name, ["Value"] = value, ["Internal"] = false, ["Count Failed Values"] = true };
}
