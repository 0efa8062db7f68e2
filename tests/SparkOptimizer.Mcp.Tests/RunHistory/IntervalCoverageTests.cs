using SparkOptimizer.History;
using SparkOptimizer.Mcp.RunHistory;

namespace SparkOptimizer.Tests.RunHistory;

public sealed class IntervalCoverageTests
{
    [Fact]
    public void Of_RunsOnTheBoundsInsideOutsideAndUnpredicted_CountsOnlyPredictedRunsWithBoundsInclusive()
    {
        IReadOnlyList<RunRecord> runs =
        [
            Run("low-bound", 900, new PredictedRun(1000, 900, 1100, null, 0.8, "Replay")),
            Run("high-bound", 1100, new PredictedRun(1000, 900, 1100, null, 0.8, "Replay")),
            Run("outside", 1101, new PredictedRun(1000, 900, 1100, null, 0.9, "Replay")),
            Run("unpredicted", 5000, null),
            Run("no-duration", null, new PredictedRun(1000, 900, 1100, null, 0.8, "Replay")),
        ];

        var coverage = IntervalCoverage.Of(runs);

        coverage.Should().Be(new IntervalCoverage(3, 2, 0.667, 0.833));
        runs.Select(IntervalCoverage.IsInside).Should().Equal(true, true, false, null, null);
    }

    [Fact]
    public void Of_NoPredictions_HasNoShare() =>
        IntervalCoverage.Of([Run("a", 10, null)]).Should().Be(new IntervalCoverage(0, 0, null, null));

    private static RunRecord Run(string id, long? durationMs, PredictedRun? prediction) => new(
        "cohort", id, string.Empty, DateTimeOffset.UnixEpoch, null, durationMs, new Dictionary<string, string>(),
        new RunShape(2, 4, 8L << 30, null), 1_000, null, null, FindingsSummary.Empty, prediction, Verification.None);
}
