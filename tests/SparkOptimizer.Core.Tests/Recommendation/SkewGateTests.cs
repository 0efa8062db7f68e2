using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Recommendation;
using SparkOptimizer.Testing;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Recommendation;

public sealed class SkewGateTests
{
    private const string Delight = "delight/example_spark_event_log.txt";
    private static readonly string[] PartitionKeys = ["spark.sql.shuffle.partitions", "spark.default.parallelism", "spark.sql.adaptive.coalescePartitions.initialPartitionNum"];

    [Fact]
    public void Analyze_OversizedPartitionsWithoutSkew_RecommendsMorePartitions()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("even"), 1, (_, task) => PlantedLog.SetShuffleRead(task, 400 * ByteSize.MiB));

        var report = new AnalysisPipeline().Analyze(PlantedLog.Read(path));

        // Delight's stage 1 is an RDD shuffle whose 100 partitions come from the operation (distinct keeps its input's
        // partitions; spark.default.parallelism unset): the lever is its numPartitions argument, a code hint on stage 1.
        report.Findings.SelectMany(f => f.Recommendations).Should().Contain(r =>
            (r.Change != null && PartitionKeys.Contains(r.Change.Key) && r.Change.StageIds.Contains(1))
            || (r.Kind == RecommendationKind.Code && r.StageId == 1 && r.Text.Contains("numPartitions", StringComparison.Ordinal)));
    }

    [Fact]
    public void Analyze_OversizedAndSpillingPartitionsWithSkew_NeverRecommendsMorePartitions()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("skewed"), 1, (i, task) =>
        {
            PlantedLog.SetShuffleRead(task, 400 * ByteSize.MiB);
            if (i is 3 or 7)
            {
                PlantedLog.SetDuration(task, 200_000);
                PlantedLog.SetShuffleRead(task, 40L * ByteSize.GiB);
                PlantedLog.SetSpill(task, 20L * ByteSize.GiB, 10L * ByteSize.GiB);
            }
        });
        var run = PlantedLog.Read(path);
        SkewShape.PassesSkewGate(run.Stages.Single(s => s.StageId == 1), Thresholds.Default).Should().BeTrue();

        var report = new AnalysisPipeline().Analyze(run);

        report.Findings.Should().Contain(f => f.Category == "skew" && f.StageIds.Contains(1));
        report.ConfigChanges.Should().NotContain(c => PartitionKeys.Contains(c.Key));
        report.Findings.SelectMany(f => f.Recommendations).Where(r => r.Change != null).Should().NotContain(r => PartitionKeys.Contains(r.Change!.Key));
    }

    [Fact]
    public void Recommend_PartitionIncreaseForASkewedStage_IsWithheldWithANote()
    {
        using var dir = new TempDir();
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("skewed"), 1, (i, task) =>
        {
            if (i is 3 or 7)
            {
                PlantedLog.SetDuration(task, 200_000);
            }
        });
        var run = PlantedLog.Read(path);
        var wants = new Finding("test-partitions", "shuffle", Severity.Critical, "Wants partitions", [1],
            [new Evidence("test", 1, "x", "Stage 1: test", 1)], "test",
            [new SparkOptimizer.Analysis.Recommendation(RecommendationKind.Config, "more partitions", new ConfigChange("spark.default.parallelism", "9", "900", "test") { StageIds = [1] })]);

        var result = new Recommender(Thresholds.Default).Recommend(run, [wants]);

        result.Changes.Should().NotContain(c => c.Key == "spark.default.parallelism");
        result.Notes.Should().Contain(n => n.Contains("skew gate", StringComparison.Ordinal));
        result.Findings[0].Recommendations[0].Change.Should().BeNull();
    }
}
