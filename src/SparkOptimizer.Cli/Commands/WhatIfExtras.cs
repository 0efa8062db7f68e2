using System.Globalization;
using SparkOptimizer.History;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;
using SparkOptimizer.Simulation.Calibration;

namespace SparkOptimizer.Cli.Commands;

/// <summary>What `whatif` adds on request: calibration from the app's run history, and the cheapest configuration meeting an SLA.</summary>
public static class WhatIfExtras
{
    /// <summary>Calibrates the replay with the cohort's recorded runs (Ernest per app + the residual model); says so when history is thin.</summary>
    public static Prediction Calibrate(Prediction prediction, SparkRun run, FileInfo history, TextWriter stderr)
    {
        var cohort = CohortName.FromAppName(run.Application.Name ?? run.Application.Id ?? "app");
        var store = SqliteRunHistoryStore.OpenAsync(history.FullName).GetAwaiter().GetResult();
        IReadOnlyList<RunRecord> records;
        try
        {
            records = store.GetCohortAsync(cohort).GetAwaiter().GetResult();
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var entries = records.Where(r => r.DurationMs is > 0).Select(r => r.ToHistoryEntry()).ToArray();
        stderr.WriteLine($"history: {entries.Length} recorded run(s) of cohort {cohort}");
        var input = run.Totals.InputBytes > 0 ? run.Totals.InputBytes : run.Totals.ShuffleReadBytes;
        return PredictionCalibrator.Train(entries).Calibrate(prediction, cohort, input);
    }

    /// <summary>The cheapest configuration whose predicted upper bound meets the SLA; cost in money when the instance type is priced, else core-hours.</summary>
    public static (SearchCandidate? Best, string Unit) CheapestMeetingSla(WhatIfSession session, long slaMs, string? instanceType)
    {
        double Cost(Prediction p)
        {
            if (instanceType is not null && CostModel.PriceExecutorHours(instanceType, p.ExecutorSeconds / 3600, p.Config.CoresPerExecutor,
                    CostModel.ExecutorMemoryRequest(p.Config.ExecutorMemory)) is { } money)
            {
                return (double)money.Amount;
            }

            return p.CoreSeconds / 3600;
        }

        var outcome = WhatIfSearch.Cheapest(session, WhatIfSearch.Candidates(session.Observed), slaMs, Cost);
        var unit = instanceType is not null && CostModel.PriceExecutorHours(instanceType, 1, 1, new ByteSize(ByteSize.GiB)) is not null ? "USD" : "core-hours";
        return (outcome.Best, unit);
    }

    public static string Describe(SearchCandidate best, string unit) => string.Create(CultureInfo.InvariantCulture,
        $"{best.Prediction.Config.Executors} executors x {best.Prediction.Config.CoresPerExecutor} cores, {best.Prediction.Config.ExecutorMemory.ToSparkString()} heap: " +
        $"{Reporting.DurationText.Format(best.Prediction.DurationMs)} (up to {Reporting.DurationText.Format(best.Prediction.HighMs)}), {best.Cost:0.####} {unit}");
}
