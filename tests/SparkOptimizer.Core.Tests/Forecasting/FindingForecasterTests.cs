using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Forecasting;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Simulation;
using Rec = SparkOptimizer.Analysis.Recommendation;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Forecasting;

public sealed class FindingForecasterTests
{
    // The NYC taxi run: stage 7's two partitions come from repartition(2) (RoundRobinPartitioning(2)); its other shuffles
    // are hashpartitioning(..., spark.sql.shuffle.partitions).
    private const string TaxiLog = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b";

    private static SparkRun Taxi => CorpusRuns.Get(TaxiLog);

    private static Finding With(params Rec[] recs) =>
        new("test", "test", Severity.Severe, "Test", [7], [], "test", recs);

    [Fact]
    public void ReplayLevers_ShufflePartitions_ReshapesOnlyTheStagesItsExchangesGovern()
    {
        // Every corpus run with stages the setting governs beside shuffle stages it does not (a repartition(n), AQE, RDD shuffles).
        var checkedRuns = 0;
        foreach (var (path, run) in CorpusRuns.All)
        {
            var levers = new AnalysisContext(run, Thresholds.Default).Levers;
            var bySource = run.CompletedStages.Where(s => s.Tasks.ShuffleReadBytes.Sum > 0).GroupBy(s => levers.For(s).Source).ToDictionary(g => g.Key, g => g.Select(s => s.StageId).ToHashSet());
            if (!bySource.TryGetValue(PartitionSource.SqlShufflePartitions, out var governed) || bySource.Count < 2)
            {
                continue;
            }

            var finding = With(new Rec(RecommendationKind.Config, "set", new ConfigChange("spark.sql.shuffle.partitions", null, "100000", "test")));
            var (change, missing) = ReplayLevers.For(finding, run, levers);

            checkedRuns++;
            missing.Should().BeEmpty(path);
            change!.ShufflePartitions.Should().BeNull("the count reaches stages through the plan's levers, not by matching task counts");
            change.StagePartitions!.Keys.Should().Contain(governed, path);
            var untouched = bySource.Where(kv => kv.Key is not PartitionSource.SqlShufflePartitions and not PartitionSource.AdaptiveCoalesced).SelectMany(kv => kv.Value).Except(governed);
            change.StagePartitions.Keys.Should().NotIntersectWith(untouched, $"{path}: a setting does not reach a repartition(n) or an RDD shuffle");
        }

        checkedRuns.Should().BeGreaterThan(0, "the corpus has runs with both kinds of shuffle stage");
    }

    [Fact]
    public void Forecast_CodeRepartitionHint_ReplaysThatStageAloneWithAnInterval()
    {
        var run = Taxi;
        var context = new AnalysisContext(run, Thresholds.Default);
        var session = SimulatorCheck.Prepare(run);
        var hint = new Rec(RecommendationKind.Code, "repartition") { StageId = 7, Partitions = 8 };

        var forecast = new FindingForecaster(session, context).Forecast(With(hint)).Forecast!;

        forecast.Replayed.Should().BeTrue();
        forecast.RunObservedMs.Should().Be(run.Application.DurationMs!.Value);
        forecast.StageId.Should().Be(7);
        forecast.StagePredictedMs.Should().BeLessThan(forecast.StageObservedMs!.Value / 2, "8 tasks on 4 slots instead of 2");
        forecast.RunPredictedMs.Should().BeLessThan(forecast.RunObservedMs);
        forecast.RunLowMs.Should().BeLessThanOrEqualTo(forecast.RunPredictedMs!.Value);
        forecast.RunHighMs.Should().BeGreaterThanOrEqualTo(forecast.RunPredictedMs.Value);
        var replay = session!.Predict(new SimulationChange { StagePartitions = new Dictionary<int, int> { [7] = 8 } }).Replay;
        replay.Stages.Where(s => s.StageId == 7).Should().OnlyContain(s => s.ReplayedTasks == 8);
        replay.Stages.Where(s => s.StageId != 7).Should().OnlyContain(s => s.ReplayedTasks == s.Tasks);
    }

    [Fact]
    public void Forecast_LeverTheReplayCannotModel_SaysSoInsteadOfAFigure()
    {
        var run = Taxi;
        var forecaster = new FindingForecaster(SimulatorCheck.Prepare(run), new AnalysisContext(run, Thresholds.Default));
        var finding = With(new Rec(RecommendationKind.Config, "gc", new ConfigChange("spark.executor.extraJavaOptions", null, "-XX:+UseG1GC", "test"))) with
        {
            ExpectedImprovement = "Next run: GC under 10% of executor run time",
        };

        var forecast = forecaster.Forecast(finding);

        forecast.Forecast!.Replayed.Should().BeFalse();
        forecast.Forecast.NotModelled.Should().Contain("spark.executor.extraJavaOptions");
        forecast.ExpectedImprovement.Should().Be("Not replayed: the replay does not model spark.executor.extraJavaOptions; next run: GC under 10% of executor run time");
    }

    [Fact]
    public void Forecast_KeepAliveChangeOnly_IsNotAStakeInRunTime()
    {
        var run = Taxi;
        var forecaster = new FindingForecaster(SimulatorCheck.Prepare(run), new AnalysisContext(run, Thresholds.Default));
        var finding = With(new Rec(RecommendationKind.Config, "overhead", new ConfigChange("spark.executor.memoryOverhead", "1g", "2g", "test"))) with { Category = "memory" };

        var forecast = forecaster.Forecast(finding).Forecast!;
        var ranked = StakeSeverity.Apply([forecaster.Forecast(finding)], Thresholds.Default, run, RunFacts.From(run));

        forecast.Replayed.Should().BeFalse();
        forecast.NotModelled.Should().Contain("keeps the run alive");
        ranked[0].Severity.Should().Be(Severity.Severe, "a change that keeps the run alive is not capped by the run time it saves");
    }

    [Fact]
    public void Analyze_EveryCorpusLog_ForecastsAgreeWithTheRunAndRankTheFindings()
    {
        var pipeline = new AnalysisPipeline();
        var replayed = 0;
        foreach (var (path, run) in CorpusRuns.All)
        {
            var report = pipeline.Analyze(run);
            report.Findings.Select(f => f.Severity).Should().BeInDescendingOrder(path);
            foreach (var f in report.Findings.Where(f => f.Forecast is not null))
            {
                var x = f.Forecast!;
                x.RunObservedMs.Should().Be(run.Application.DurationMs, $"{f.Id} on {path}");
                f.ExpectedImprovement.Should().StartWith(ForecastText.Format(x), $"{f.Id} on {path}");
                if (x.Replayed)
                {
                    replayed++;
                    x.RunLowMs.Should().BeLessThanOrEqualTo(x.RunPredictedMs!.Value, $"{f.Id} on {path}");
                    x.RunHighMs.Should().BeGreaterThanOrEqualTo(x.RunPredictedMs.Value, $"{f.Id} on {path}");
                    if (f.Category != "failures" && x.AtStake < 0.01)
                    {
                        ((int)f.Severity).Should().BeLessThanOrEqualTo((int)Severity.Low, $"{f.Id} on {path} can recover {x.AtStake:P1} of the run");
                    }
                }
            }
        }

        replayed.Should().BeGreaterThan(10, "most corpus runs have a finding whose change the replay models");
    }

    [Fact]
    public void Format_NoMeasurableChange_NamesTodaysTimeOnceAndNoArrow()
    {
        var forecast = new Forecast("what-if replay", 300_000, 299_000, 280_000, 320_000, null, null, null);

        ForecastText.Format(forecast).Should().Be("The replay predicts no measurable change in run time (5 min) (what-if replay)");
    }

    [Fact]
    public void Format_Change_GivesStageRunAndInterval()
    {
        var forecast = new Forecast("what-if replay", 300_000, 240_000, 200_000, 280_000, 7, 138_000, 66_000) { CoreHoursBefore = 0.26, CoreHoursAfter = 0.18 };

        ForecastText.Format(forecast).Should().Be("Predicted stage 7: 2.3 min -> about 66 s; run 5 min -> about 4 min [3.3 min, 4.7 min]; executors 0.26 -> 0.18 core-hours (what-if replay)");
    }
}
