using SparkOptimizer.Analysis;

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
        Verification.None);
}
