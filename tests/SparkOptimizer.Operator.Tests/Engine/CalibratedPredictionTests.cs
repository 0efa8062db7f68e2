using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Model;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Simulation.Calibration;
using SparkOptimizer.Testing;

using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>The operator's prediction is calibrated by the cohort's run history when it has one, and says so.</summary>
public sealed class CalibratedPredictionTests
{
    private const string Key = "default/spark-pi";

    private static AnalysisRequest Request() => new(
        new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "default", "spark-pi", null),
        new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "default", "spark-pi", null),
        "spark-pi:spark-110be3a8424d4a2789cb88134418217b",
        "spark-110be3a8424d4a2789cb88134418217b",
        "COMPLETED",
        null,
        null,
        new EventLogLocation(PressuredTaxiRun.Events, "spark-110be3a8424d4a2789cb88134418217b", true, null),
        new Dictionary<string, string>(),
        null,
        null,
        "spark-pi-driver",
        Key,
        []);

    private static InProcessRunAnalyser Analyser() => new(
        EngineParts.Finder(Corpus.EventLogs),
        new AnalysisPipeline(), new EngineOptions(), NullLogger.Instance);

    [Fact]
    public async Task WithACohortHistoryTwiceAsSlowAsTheReplay_ThePredictionIsCalibratedUpAndSaysSo()
    {
        var plain = (await Analyser().AnalyseAsync(Request(), CancellationToken.None)).Prediction!;
        plain.Basis.Should().Be("Replay");

        // Nine recorded runs of the cohort at three sizes, each observed at twice what the replay predicted for it.
        var observed = (await Analyser().AnalyseAsync(Request(), CancellationToken.None)).DurationMs!.Value;
        var history = new[] { 2, 4, 8 }.SelectMany(m => Enumerable.Range(0, 3).Select(i =>
            new RunHistoryEntry(Key, m, 1, new ByteSize(4L << 30), 200, 0, (long)(2 * observed * (1 + (0.01 * i)) * (1 + (0.5 / m))), (long)(observed * (1 + (0.5 / m)))))).ToArray();

        var calibrated = (await Analyser().AnalyseAsync(Request() with { History = history }, CancellationToken.None)).Prediction!;

        calibrated.Basis.Should().Contain("Ernest");
        calibrated.DurationMs.Should().BeGreaterThan((long)(plain.DurationMs * 1.2), "the cohort's runs took about twice the replay's estimate");
    }

    [Fact]
    public async Task Prediction_IntervalAddsTheCohortsNoiseAndMarksExtrapolation()
    {
        var alone = await Analyser().AnalyseAsync(Request(), CancellationToken.None);
        var changes = alone.Changes.ToDictionary(c => c.Key, c => c.To);
        changes.Should().ContainKey("spark.executor.memory").WhoseValue.Should().Be("6g");

        // Five earlier runs of the cohort that vary by about 10 %: the interval for the next run must make room for that.
        var noisy = Enumerable.Range(0, 5).Select(i => alone.CohortRun! with
        {
            RunId = $"earlier-{i}", Start = alone.CohortRun!.Start?.AddDays(-5 + i), DurationMs = (long)(alone.CohortRun.DurationMs * (1 + (0.1 * ((i % 3) - 1)))),
        }).ToArray();
        var withNoise = await Analyser().AnalyseAsync(Request() with { PriorRuns = noisy }, CancellationToken.None);

        var a = alone.Prediction!;
        var b = withNoise.Prediction!;
        b.DurationMs.Should().Be(a.DurationMs);
        (b.HighMs - b.LowMs).Should().BeGreaterThan(a.HighMs - a.LowMs, "run-to-run variation widens the interval of the next run");
        alone.SparkProperties["spark.executor.memory"].Should().Be("4g");
        a.Extrapolated.Should().BeFalse("4g to 6g and at most 4 executors stay within 2 x of the run (Verifier.Interval's cases are in Core)");
    }
}
