using SparkOptimizer.History;
using SparkOptimizer.Model;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Jobs;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Simulation.Calibration;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Jobs;

/// <summary>What crosses into and out of an analysis Job survives the trip: proposals, calibration history, the run's history record.</summary>
public sealed class AnalysisJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Request_WithProposalsAndHistory_RoundTrips()
    {
        var app = new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "ns", "etl", "uid-1");
        var request = new AnalysisRequest(app, app, "etl:spark-1", "spark-1", "COMPLETED", T0, T0.AddMinutes(5),
            new EventLogLocation("s3a://logs/", "spark-1", true, null), new Dictionary<string, string> { ["sparkoptimizer.io/enabled"] = "true" },
            "30m", null, "etl-driver", "ns/etl",
            [new CohortRun("spark-0", T0.AddDays(-1), 600_000, 1L << 30, 4L << 30, RunFailureClass.None, false, "fp1") { Succeeded = true }])
        {
            Proposals = [new ProposedChangeSet("fp1", new Dictionary<string, string> { ["spark.executor.memory"] = "6g" })],
            History = [new RunHistoryEntry("ns/etl", 4, 2, new ByteSize(6L << 30), 200, 1L << 30, 600_000, 580_000)],
        };

        var back = AnalysisJson.ReadRequest(AnalysisJson.Write(request));

        back.Proposals.Should().BeEquivalentTo(request.Proposals);
        back.History.Should().BeEquivalentTo(request.History);
        back.History[0].ExecutorMemory.Bytes.Should().Be(6L << 30);
        back.PriorRuns.Should().BeEquivalentTo(request.PriorRuns);
    }

    [Fact]
    public void Result_WithItsHistoryRecord_RoundTrips()
    {
        var record = new RunRecord("ns/etl", "spark-1", string.Empty, T0, T0.AddMinutes(10), 600_000,
            new Dictionary<string, string> { ["spark.executor.memory"] = "6g" }, new RunShape(4, 2, 6L << 30, 200), 1L << 30, 1.25m, "USD",
            new FindingsSummary(1, 0, 2, 0, Analysis.Severity.Critical, "Stage 3 spills"), new PredictedRun(500_000, 450_000, 560_000, 1.1m, 0.8, "Replay"),
            History.Verification.None)
        {
            Outcome = new RunOutcome(5L << 30, RunFailureClass.None, false, true, "fp1"),
        };
        var result = new AnalysedRun { Record = record, DurationMs = 600_000 };

        var back = AnalysisJson.FindResult("some log line\n" + AnalysisJson.ResultLine(result, "n") + "\n", "n")!;

        back.Record.Should().BeEquivalentTo(record);
    }

    [Fact]
    public void Request_AtTheLedgersBounds_FitsInOneEnvironmentVariable()
    {
        var app = new AppIdentity("sparkoperator.k8s.io/v1beta2", "SparkApplication", "team-analytics-production", "nightly-customer-events-enrichment", "uid-1");
        var prior = Enumerable.Range(0, CohortLedger.RunsPerCohort).Select(i =>
            new CohortRun($"nightly-customer-events-enrichment:spark-{i:D32}", T0.AddDays(i), 3_600_000 + i, 512L << 30, 24L << 30, RunFailureClass.None, false, "0123456789abcdef")).ToArray();
        var request = new AnalysisRequest(app, app, "run", "spark-1", "COMPLETED", T0, T0, new EventLogLocation("s3a://bucket/spark-events/", "spark-1", true, null),
            new Dictionary<string, string>(), null, null, "driver", "team-analytics-production/nightly-customer-events-enrichment", prior)
        {
            Proposals = Enumerable.Range(0, 20).Select(i => new ProposedChangeSet($"{i:D16}", Enumerable.Range(0, 8).ToDictionary(k => $"spark.sql.adaptive.setting{k}", k => $"{k * 1000}"))).ToArray(),
            History = Enumerable.Range(0, CohortLedger.CalibrationRuns).Select(i =>
                new RunHistoryEntry("team-analytics-production/nightly-customer-events-enrichment", 40, 8, new ByteSize(24L << 30), 2000, 512L << 30, 3_600_000, 3_500_000)).ToArray(),
        };

        var json = AnalysisJson.Write(request);

        (json.Length + 64).Should().BeLessThan(128 * 1024, "Linux caps one environment variable (MAX_ARG_STRLEN) at 128 KiB");
    }
}
