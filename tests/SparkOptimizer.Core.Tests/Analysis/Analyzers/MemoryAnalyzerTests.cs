using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class MemoryAnalyzerTests
{
    private const string Delight = "delight/example_spark_event_log.txt";

    [Fact]
    public void Analyze_UntouchedDelightLog_ReportsNoMemoryPressure()
    {
        Analyze(CorpusRuns.Read(Delight)).Should().NotContain(f => f.Id == "memory-heap" || f.Id == "memory-container");
    }

    [Fact]
    public void Analyze_HeapPeakPlantedAt97Percent_ReportsSevereMemoryPressureOnThatExecutor()
    {
        using var dir = new TempDir();
        var heap = RunFacts.From(CorpusRuns.Read(Delight)).ExecutorMemoryBytes;
        var peak = (long)(heap * 0.97);
        string? executor = null;
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("heap"), 1, (i, task) =>
        {
            // Pressure is a full heap that also collects hard: GC on every task of the stage.
            PlantedLog.SetGc(task, 0.5);
            if (i == 5)
            {
                PlantedLog.SetPeak(task, "JVMHeapMemory", peak);
                executor = (string?)task["Task Info"]!["Executor ID"];
            }
        });
        var run = PlantedLog.Read(path);

        var finding = Analyze(run).Should().ContainSingle(f => f.Id == "memory-heap").Subject;

        finding.Severity.Should().Be(Thresholds.Default.Rate("memory.heapUsedShare", 0.97)).And.Be(Severity.Severe);
        finding.ExecutorIds.Should().Equal(executor);
        finding.Evidence[0].Display.Should().StartWith("Executor memory: 97% utilized");
    }

    [Fact]
    public void Pipeline_HeapPeakPlanted_RecommendsMemoryAbovePeakWithBuffer()
    {
        using var dir = new TempDir();
        var heap = RunFacts.From(CorpusRuns.Read(Delight)).ExecutorMemoryBytes;
        var peak = (long)(heap * 0.97);
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("heap"), 1, (i, task) =>
        {
            PlantedLog.SetGc(task, 0.5);
            if (i == 5)
            {
                PlantedLog.SetPeak(task, "JVMHeapMemory", peak);
            }
        });

        var report = new AnalysisPipeline().Analyze(PlantedLog.Read(path));

        var change = report.ConfigChanges.Should().ContainSingle(c => c.Key == "spark.executor.memory").Subject;
        ByteSize.TryParse(change.To, out var to, ByteSize.MiB).Should().BeTrue();
        to.Bytes.Should().BeGreaterThanOrEqualTo((long)(peak * 1.2));
        change.FindingIds.Should().Contain("memory-heap");
    }

    [Fact]
    public void Pipeline_HeapPeakPlantedWithoutGcSpillOrOom_IsLowAndChangesNoMemory()
    {
        // A JVM heap fills before it collects: 97 % at peak with little GC, no spill and no OOM is not pressure.
        using var dir = new TempDir();
        var heap = RunFacts.From(CorpusRuns.Read(Delight)).ExecutorMemoryBytes;
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("heap"), 1, (i, task) =>
        {
            if (i == 5)
            {
                PlantedLog.SetPeak(task, "JVMHeapMemory", (long)(heap * 0.97));
            }
        });
        var run = PlantedLog.Read(path);
        run.Totals.GcTimeMs.Should().BeLessThan((long)(run.Totals.ExecutorRunTimeMs * Thresholds.Default["gc.timeShare"][0]));

        var report = new AnalysisPipeline().Analyze(run);

        report.Findings.Should().ContainSingle(f => f.Id == "memory-heap").Which.Severity.Should().Be(Severity.Low);
        report.ConfigChanges.Should().NotContain(c => c.Key == "spark.executor.memory");
    }

    private static List<Finding> Analyze(SparkRun run) => new MemoryAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).ToList();
}
