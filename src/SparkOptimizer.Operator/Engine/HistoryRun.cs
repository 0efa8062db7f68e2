using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Dashboard.Views;
using SparkOptimizer.History;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// A run as the operator's dashboard catalog lists it, from its run-history record (in memory or read back from the store): the
/// catalog entry with its summary, the prediction made for it, the merged change it ran under and its verified prediction error.
/// </summary>
public sealed record HistoryRun(CatalogRun Run, Dashboard.Catalog.PredictedRun? Prediction, string? ChangeId, double? ErrorPercent)
{
    /// <summary>The catalog's id of a run: its cohort and Spark app id (and attempt, when the log names one), the same before and after a restart.</summary>
    public static string IdOf(RunKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Attempt.Length == 0 ? $"{key.Cohort}:{key.AppId}" : $"{key.Cohort}:{key.AppId}:{key.Attempt}";
    }

    /// <summary>Maps a record; without a report, core-hours are the shape (executors x cores) over the run's duration.</summary>
    public static HistoryRun From(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = IdOf(record.Key);
        var coreHours = record.DurationMs is { } ms && ms > 0 ? (double)record.Shape.Executors * record.Shape.CoresPerExecutor * ms / 3_600_000 : 0;
        var findings = record.Findings;
        var summary = new RunSummary(id, record.Cohort, record.Cohort, record.StartedAt, record.DurationMs, record.Cost, record.Currency, coreHours,
            null, 0, findings.WorstTitle, findings.Worst, findings.Total);
        var prediction = record.Prediction is { } p ? new Dashboard.Catalog.PredictedRun(id, p.DurationMs, p.LowMs, p.HighMs) : null;
        return new HistoryRun(new CatalogRun(id, record.Cohort, record.Cohort, record.StartedAt) { Summary = summary }, prediction,
            record.Outcome?.ChangeId, record.Verification.ErrorPercent);
    }
}
