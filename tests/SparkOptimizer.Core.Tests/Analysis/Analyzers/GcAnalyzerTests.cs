using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class GcAnalyzerTests
{
    private const string Delight = "delight/example_spark_event_log.txt";

    [Fact]
    public void Analyze_UntouchedDelightLog_ReportsNoHighGc()
    {
        Analyze(CorpusRuns.Read(Delight)).Should().NotContain(f => f.Id == "gc-high");
    }

    [Fact]
    public void Analyze_GcPlantedInMapStage_ReportsThatStageWithSeverityFromTheRunShare()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("gc"), 0, (_, task) => PlantedLog.SetGc(task, 0.5));
        var run = PlantedLog.Read(path);
        var share = run.Totals.GcTimeMs / (double)run.Totals.ExecutorRunTimeMs;

        var gc = Analyze(run).Should().ContainSingle(f => f.Id == "gc-high").Subject;

        gc.Severity.Should().Be(Thresholds.Default.Rate("gc.timeShare", share)).And.BeOneOf(Severity.Severe, Severity.Critical);
        gc.StageIds.Should().Contain(0).And.NotContain(1);
        gc.Evidence[0].Display.Should().Be($"GC time: {Fmt.Pct(share)} of total executor run time ({Fmt.Ms(run.Totals.GcTimeMs)} of {Fmt.Ms(run.Totals.ExecutorRunTimeMs)})");
    }

    private static List<Finding> Analyze(SparkRun run) => new GcAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).ToList();
}
