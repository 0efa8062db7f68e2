using SparkOptimizer.Analysis;
using SparkOptimizer.Trust;

namespace SparkOptimizer.History.Tests;

/// <summary>Run records for the store tests, with every field set so a round trip proves the mapping.</summary>
internal static class Records
{
    public static readonly DateTimeOffset Epoch = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static RunRecord Run(string cohort, int n, int startMinute = -1, string attempt = "1") => new(
        cohort,
        $"app-{n:D5}",
        attempt,
        Epoch.AddMinutes(startMinute < 0 ? n : startMinute),
        Epoch.AddMinutes((startMinute < 0 ? n : startMinute) + 10),
        600_000,
        new Dictionary<string, string> { ["spark.executor.memory"] = "8g", ["spark.sql.shuffle.partitions"] = (200 + n).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new RunShape(10, 4, 8L << 30, 200 + n),
        1_000_000_000L + n,
        12.34m + n,
        "USD",
        new FindingsSummary(1, 0, 2, 3, Severity.Critical, "Stage 3 spills to disk"),
        new PredictedRun(500_000, 450_000, 560_000, 10.5m, 0.8, "ReplayWithErnest"),
        Verification.None)
    {
        Outcome = new RunOutcome(6L << 30, n % 3 == 0 ? RunFailureClass.Application : RunFailureClass.None, n % 3 == 0, n % 3 != 0, n > 2 ? "3f2a9c0d1e4b5a67" : null),
    };

    public static ProposalRecord Proposal(string cohort, string fingerprint, int minute) => new(
        cohort,
        fingerprint,
        new Dictionary<string, string> { ["spark.executor.memory"] = "6g", ["spark.sql.shuffle.partitions"] = "400" },
        [new ProposalEdit("spark.executor.memory", "spec.executor.memory", "8g", "6g"), new ProposalEdit("spark.sql.shuffle.partitions", "spec.sparkConf", null, "400")],
        new PredictedRun(500_000, 450_000, 560_000, 10.5m, 0.8, "Replay"),
        600_000,
        1_000_000_000L,
        null,
        null,
        ProposalStatus.Proposed,
        Epoch.AddMinutes(minute));
}
