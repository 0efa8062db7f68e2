using SparkOptimizer.Operator.Metrics;

namespace SparkOptimizer.Tests.Metrics;

public sealed class IntervalCoverageMetricTests
{
    [Fact]
    public async Task CountVerifiedRun_CoverageIsTheShareOfPredictedRunsInsideTheirInterval()
    {
        var metrics = new OperatorMetrics();
        metrics.CountVerifiedRun("Pending", true);
        metrics.CountVerifiedRun("Pending", true);
        metrics.CountVerifiedRun("Regressed", false);
        metrics.CountVerifiedRun("Verified", true);
        metrics.CountVerifiedRun("Pending", null);

        metrics.IntervalCoverage.Value.Should().Be(0.75, "3 of the 4 runs with a prediction fell inside; the run without one does not count");
        var text = await metrics.ExportAsync();
        text.Should().Contain("sparkoptimizer_verified_runs_total{state=\"Pending\",inside_interval=\"true\"} 2");
        text.Should().Contain("sparkoptimizer_verified_runs_total{state=\"Pending\",inside_interval=\"unknown\"} 1");
    }

    [Fact]
    public async Task Export_BeforeAnyPredictedRun_HasNoCoverageSample_ThenTheShare()
    {
        var metrics = new OperatorMetrics();
        metrics.CountVerifiedRun("Pending", null);

        (await metrics.ExportAsync()).Split('\n').Should().NotContain(l => l.StartsWith("sparkoptimizer_prediction_interval_coverage ", StringComparison.Ordinal));

        metrics.CountVerifiedRun("Verified", false);
        (await metrics.ExportAsync()).Should().Contain("sparkoptimizer_prediction_interval_coverage 0\n");
    }
}
