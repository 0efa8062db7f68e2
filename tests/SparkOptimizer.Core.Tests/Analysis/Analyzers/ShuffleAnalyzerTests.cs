using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class ShuffleAnalyzerTests
{
    private const string Taxi = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b";

    [Fact]
    public void Analyze_TaxiRunWithTwoHugePartitions_AsksForPartitionsSizedToTheTarget()
    {
        var run = CorpusRuns.Read(Taxi);
        var facts = RunFacts.From(run);
        var stage = run.CompletedStages.Where(s => s.Tasks.ShuffleReadBytes.Sum > 0).MaxBy(s => s.Tasks.ShuffleReadBytes.Mean)!;
        var expected = PartitionMath.ForBytes(stage.Tasks.ShuffleReadBytes.Sum, 128, facts.PeakCores);

        var finding = new ShuffleAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().ContainSingle(f => f.Id == "shuffle-large-partitions").Subject;

        finding.StageIds.Should().Contain(stage.StageId);
        finding.Severity.Should().Be(Thresholds.Default.Rate("shuffle.partitionMiB", stage.Tasks.ShuffleReadBytes.Mean / ByteSize.MiB));
        finding.Recommendations[0].Change!.To.Should().Be(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Pipeline_TwoFindingsWantingDifferentPartitionCounts_EmitOneValueAndBothShowIt()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read(Taxi));

        var change = report.ConfigChanges.Should().ContainSingle(c => c.Key == "spark.sql.shuffle.partitions").Subject;
        var asking = report.Findings.SelectMany(f => f.Recommendations).Where(r => r.Change?.Key == "spark.sql.shuffle.partitions").ToArray();
        asking.Should().NotBeEmpty().And.OnlyContain(r => r.Change!.To == change.To && r.Text.Contains(change.To, StringComparison.Ordinal));
    }
}
