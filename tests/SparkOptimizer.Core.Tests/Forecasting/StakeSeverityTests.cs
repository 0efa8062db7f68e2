using SparkOptimizer.Analysis;
using SparkOptimizer.Forecasting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Forecasting;

public sealed class StakeSeverityTests
{
    private const string TaxiLog = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b";

    private static Finding Finding(string id, string category, Severity severity, Forecast? forecast) =>
        new(id, category, severity, id, [], [], id, []) { Forecast = forecast };

    private static Forecast Saving(double share) => new("what-if replay", 100_000, (long)(100_000 * (1 - share)), (long)(100_000 * (1 - share)), 100_000, null, null, null);

    [Fact]
    public void Apply_CapsByWhatTheReplaySavesButNeverFailures_AndPutsTheMostAtStakeFirst()
    {
        var run = CorpusRuns.Get(TaxiLog);
        var findings = new[]
        {
            Finding("tiny", "parallelism", Severity.Critical, Saving(0.005)),
            Finding("failed", "failures", Severity.Critical, Saving(0.0)),
            Finding("big", "shuffle", Severity.Severe, Saving(0.30)),
            Finding("bigger", "shuffle", Severity.Severe, Saving(0.45)),
            Finding("unmodelled", "gc", Severity.Moderate, new Forecast("not replayed", 100_000, null, null, null, null, null, null) { NotModelled = "x" }),
        };

        var result = StakeSeverity.Apply(findings, Thresholds.Default, run, RunFacts.From(run));

        result.Select(f => (f.Id, f.Severity)).Should().Equal(
            ("failed", Severity.Critical), ("bigger", Severity.Severe), ("big", Severity.Severe), ("unmodelled", Severity.Moderate), ("tiny", Severity.Low));
    }
}
