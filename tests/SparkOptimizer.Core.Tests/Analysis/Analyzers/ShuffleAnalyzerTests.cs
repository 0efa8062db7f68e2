using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class ShuffleAnalyzerTests
{
    private const string Taxi = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b";

    [Fact]
    public void Analyze_TaxiRunWithTwoHugePartitionsFromRepartition2_AsksTheCodeNotTheSetting()
    {
        // Stage 7's 2 partitions come from RoundRobinPartitioning(2), REPARTITION_BY_NUM: a repartition(2) in the code.
        var run = CorpusRuns.Read(Taxi);
        var stage = run.CompletedStages.Where(s => s.Tasks.ShuffleReadBytes.Sum > 0).MaxBy(s => s.Tasks.ShuffleReadBytes.Mean)!;
        var lever = new AnalysisContext(run, Thresholds.Default).Levers.For(stage);
        lever.Source.Should().Be(PartitionSource.CodeRepartition);
        lever.PlanNode.Should().Contain("RoundRobinPartitioning(2)");

        var finding = new ShuffleAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().ContainSingle(f => f.Id == "shuffle-large-partitions").Subject;

        finding.StageIds.Should().Contain(stage.StageId);
        finding.Severity.Should().Be(Thresholds.Default.Rate("shuffle.partitionMiB", stage.Tasks.ShuffleReadBytes.Mean / ByteSize.MiB));
        var rec = finding.Recommendations.Should().ContainSingle().Subject;
        rec.Kind.Should().Be(RecommendationKind.Code);
        rec.Change.Should().BeNull();
        rec.StageId.Should().Be(stage.StageId);
        rec.Text.Should().Contain("repartition(2)").And.Contain($"about {PartitionMath.ForBytes(stage.Tasks.ShuffleReadBytes.Sum, 128, RunFacts.From(run).PeakSlots)} partitions");
    }

    [Fact]
    public void Pipeline_TaxiRun_ChangesNoShufflePartitionsForAStageFixedInCode()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read(Taxi));

        report.ConfigChanges.Should().NotContain(c => c.Key == "spark.sql.shuffle.partitions");
        report.Findings.SelectMany(f => f.Recommendations).Should().NotContain(r => r.Change != null && r.Change.Key == "spark.sql.shuffle.partitions");
        report.Findings.SelectMany(f => f.Recommendations).Should().Contain(r => r.Kind == RecommendationKind.Code && r.StageId == 7 && r.Text.Contains("repartition", StringComparison.Ordinal));
    }
}
