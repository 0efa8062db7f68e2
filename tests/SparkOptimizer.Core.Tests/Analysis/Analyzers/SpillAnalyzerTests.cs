using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class SpillAnalyzerTests
{
    private const string Delight = "delight/example_spark_event_log.txt";

    [Fact]
    public void Analyze_McpLocalRun_ReportsSpillOnTheStageThatSpilledMostAndRestoresMemoryFraction()
    {
        var run = CorpusRuns.Read("mcp-apache-spark-history-server/e2e-spark-events/local-1776286786993.zstd");
        var worst = run.CompletedStages.MaxBy(s => s.Tasks.DiskSpilledBytes.Sum)!;

        var spill = Analyze(run).Should().ContainSingle(f => f.Category == "spill").Subject;

        spill.StageIds.Should().Equal(worst.StageId);
        spill.Evidence[0].Display.Should().StartWith($"Stage {worst.StageId}: {Fmt.Bytes(worst.Tasks.DiskSpilledBytes.Sum)} spilled to disk");
        spill.Recommendations.Should().Contain(r => r.Change != null && r.Change.Key == "spark.memory.fraction" && r.Change.To == "0.6");
    }

    [Fact]
    public void Analyze_UntouchedDelightLog_ReportsNoSpill()
    {
        Analyze(CorpusRuns.Read(Delight)).Should().NotContain(f => f.Category == "spill");
    }

    [Fact]
    public void Analyze_SpillPlantedInDelightMapStage_ReportsThatStageWithSeverityFromItsNumbers()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("spilled"), 0, (i, task) =>
        {
            if (i < 10)
            {
                PlantedLog.SetSpill(task, ByteSize.GiB, 200 * ByteSize.MiB);
            }
        });
        var run = PlantedLog.Read(path);
        var stage = run.Stages.Single(s => s.StageId == 0);
        var read = stage.Tasks.InputBytes.Sum + stage.Tasks.ShuffleReadBytes.Sum;
        var expected = Thresholds.Default.Rate("spill.diskToReadRatio", stage.Tasks.DiskSpilledBytes.Sum / (double)read);
        if (stage.DurationMs < 60_000)
        {
            expected = SeverityScale.Min(expected, Severity.Moderate);
        }

        var spill = Analyze(run).Should().ContainSingle(f => f.Category == "spill").Subject;

        spill.StageIds.Should().Equal(0);
        spill.Severity.Should().Be(expected);
        stage.Tasks.DiskSpilledBytes.Sum.Should().Be(2000 * ByteSize.MiB);
    }

    private static List<Finding> Analyze(SparkRun run) => new SpillAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).ToList();
}
