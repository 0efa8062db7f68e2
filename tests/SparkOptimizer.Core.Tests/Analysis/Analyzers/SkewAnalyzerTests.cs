using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class SkewAnalyzerTests
{
    private const string Delight = "delight/example_spark_event_log.txt";
    private const int DelightReduceStage = 1;

    [Fact]
    public void Analyze_SparklintStage0_ReportsSkewWithSlowestAndMedianFromTheModel()
    {
        var run = CorpusRuns.Read("sparklint/spark_event_log_example");
        var stage = run.Stages.Single(s => s.StageId == 0);
        var findings = Analyze(run);

        var skew = findings.Should().ContainSingle(f => f.Category == "skew" && f.StageIds.Contains(0)).Subject;
        var d = stage.Tasks.DurationMs;
        var ratio = d.Max / (double)d.P50;
        var expected = SeverityScale.Min(Thresholds.Default.Rate("skew.durationRatio", ratio), Thresholds.Default.Rate("skew.excessSeconds", (d.Max - d.P50) / 1000.0));
        skew.Severity.Should().Be(expected).And.BeOneOf(Severity.Severe, Severity.Critical);
        skew.Evidence.Should().Contain(e => e.Display.StartsWith("Stage 0: slowest task " + Fmt.Ms(d.Max), StringComparison.Ordinal)
            && e.Display.Contains("median " + Fmt.Ms(d.P50), StringComparison.Ordinal) && e.TaskId == stage.Tasks.SlowestTasks[0].TaskId);
        skew.WhatWouldNotHelp.Should().Contain("spark.sql.shuffle.partitions");
    }

    [Fact]
    public void Analyze_UntouchedDelightLog_ReportsNoSkewOnTheReduceStage()
    {
        var findings = Analyze(CorpusRuns.Read(Delight));

        findings.Should().NotContain(f => f.Category == "skew" && f.StageIds.Contains(DelightReduceStage));
    }

    [Fact]
    public void Analyze_TwoHotTasksPlantedInDelightReduceStage_ReportsCriticalDataSkewWithTheirShare()
    {
        using var dir = new TempDir();
        var baseline = CorpusRuns.Read(Delight).Stages.Single(s => s.StageId == DelightReduceStage);
        var hotDuration = Math.Max(150_000, 50 * baseline.Tasks.DurationMs.P50);
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("skewed"), DelightReduceStage, (i, task) =>
        {
            if (i is 3 or 7)
            {
                PlantedLog.SetDuration(task, hotDuration);
                PlantedLog.SetShuffleRead(task, 4 * ByteSize.GiB);
            }
        });

        var run = PlantedLog.Read(path);
        var findings = Analyze(run);

        var skew = findings.Should().ContainSingle(f => f.Category == "skew").Subject;
        skew.StageIds.Should().Equal(DelightReduceStage);
        skew.Severity.Should().Be(Severity.Critical);
        skew.Title.Should().Be("Data Skew Detected");
        var stage = run.Stages.Single(s => s.StageId == DelightReduceStage);
        var share = 8.0 * ByteSize.GiB / stage.Tasks.ShuffleReadBytes.Sum;
        skew.Evidence.Should().Contain(e => e.Display == $"Stage {DelightReduceStage}: {Fmt.Pct(share)} of data processed by 2 of {stage.Tasks.SucceededCount} tasks");
        skew.Recommendations.Should().Contain(r => r.Kind == RecommendationKind.Code && r.StageId == DelightReduceStage);
        skew.Recommendations.Should().NotContain(r => r.Change != null && r.Change.Key.Contains("partitions", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_HotTasksUnderTheFloor_DoNotFire()
    {
        using var dir = new TempDir();
        var floorMs = (long)Thresholds.Default.Value("skew.minMaxTaskMs");
        var path = PlantedLog.Plant(Corpus.Path(Delight), dir.File("short"), DelightReduceStage, (i, task) =>
        {
            if (i is 3 or 7)
            {
                PlantedLog.SetDuration(task, floorMs - 1000);
            }
        });

        var run = PlantedLog.Read(path);
        run.Stages.Single(s => s.StageId == DelightReduceStage).Tasks.DurationMs.Max.Should().BeLessThan(floorMs);

        Analyze(run).Should().NotContain(f => f.Category == "skew" && f.StageIds.Contains(DelightReduceStage));
    }

    [Fact]
    public void Analyze_HotTasksPlantedInSortMergeJoinStage_NamesTheJoinKeyToSaltAndAqeSkewJoin()
    {
        using var dir = new TempDir();
        const string log = "spark-rapids-tools/spark-events-qualification/aqeshuffle_eventlog.zstd";
        var path = PlantedLog.Plant(Corpus.Path(log), dir.File("join-skew"), 4, (i, task) =>
        {
            if (i is 1 or 2)
            {
                PlantedLog.SetDuration(task, 200_000);
                PlantedLog.SetShuffleRead(task, 4 * ByteSize.GiB);
            }
        });
        var run = PlantedLog.Read(path);

        var skew = Analyze(run).Should().ContainSingle(f => f.Category == "skew" && f.StageIds.Contains(4)).Subject;

        var salt = skew.Recommendations.Should().ContainSingle(r => r.Kind == RecommendationKind.Code && r.Text.StartsWith("Add salting", StringComparison.Ordinal)).Subject;
        salt.Text.Should().StartWith("Add salting to the a = b join key");
        salt.SqlNode.Should().StartWith("SortMergeJoin [a#12], [b#14]");
        salt.SqlExecutionId.Should().Be(run.Stages.Single(s => s.StageId == 4).SqlExecutionId);
        // Spark 3.2 runs AQE skew-join by default, so there is no conf to flip: the finding says why salting is still needed.
        run.Application.SparkVersion.Should().StartWith("3.2");
        skew.Recommendations.Should().NotContain(r => r.Change != null && r.Change.Key.StartsWith("spark.sql.adaptive", StringComparison.Ordinal));
        skew.Recommendations.Should().Contain(r => r.Text.StartsWith("AQE skew-join was on", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_JoinSkewOnSpark31WithoutAqe_TurnsAqeSkewJoinOn()
    {
        using var dir = new TempDir();
        var seen = 0;
        var path = PlantedLog.PlantEvents(Corpus.Path("spark-rapids-tools/spark-events-qualification/customshuffle_eventlog.zstd"), dir.File("no-aqe"), e =>
        {
            if ((string?)e["Event"] == "SparkListenerEnvironmentUpdate")
            {
                e["Spark Properties"]!.AsObject().Remove("spark.sql.adaptive.enabled");
            }
            else if ((string?)e["Event"] == "SparkListenerTaskEnd" && (int?)e["Stage ID"] == 4 && (string?)e["Task End Reason"]?["Reason"] == "Success" && seen++ is 1 or 2)
            {
                PlantedLog.SetDuration(e, 200_000);
                PlantedLog.SetShuffleRead(e, 4 * ByteSize.GiB);
            }

            return [e];
        });
        var run = PlantedLog.Read(path);
        run.Application.SparkVersion.Should().StartWith("3.1");

        var skew = Analyze(run).Should().ContainSingle(f => f.Category == "skew" && f.StageIds.Contains(4)).Subject;

        skew.Recommendations.Should().Contain(r => r.Change != null && r.Change.Key == "spark.sql.adaptive.enabled" && r.Change.To == "true" && r.Change.From == null);
        skew.Recommendations.Should().NotContain(r => r.Change != null && r.Change.Key == "spark.sql.adaptive.skewJoin.enabled");
    }

    [Fact]
    public void Analyze_UnevenInputSplits_PointsAtTheFilesNotAKey()
    {
        var run = CorpusRuns.Read("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd");

        var skew = Analyze(run).Should().ContainSingle(f => f.Category == "skew" && f.StageIds.Contains(3)).Subject;

        skew.Recommendations.Should().ContainSingle(r => r.Kind == RecommendationKind.Code).Which.Text.Should().StartWith("Even out the input of stage 3");
    }

    private static List<Finding> Analyze(SparkRun run) => new SkewAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).ToList();
}
