using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Simulation;
using SparkOptimizer.Simulation.Calibration;
using SparkOptimizer.Trust;

namespace SparkOptimizer.History;

/// <summary>One analysed run as the history keeps it: identity, times, configuration, size, cost, findings, prediction, verification.</summary>
/// <param name="Cost">Money of the run in <paramref name="Currency"/>; null when no price was known.</param>
public sealed record RunRecord(
    string Cohort,
    string AppId,
    string Attempt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    IReadOnlyDictionary<string, string> Configuration,
    RunShape Shape,
    long InputBytes,
    decimal? Cost,
    string? Currency,
    FindingsSummary Findings,
    PredictedRun? Prediction,
    Verification Verification)
{
    public RunKey Key => new(Cohort, AppId, Attempt);

    /// <summary>The trust rails' view of the run (peak, failure, merged change); null for runs recorded before it was kept.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>The run as the trust rails' cohort holds it; null when its outcome was not recorded.</summary>
    public CohortRun? ToCohortRun() => Outcome is not { } o ? null
        : new CohortRun(AppId, StartedAt, DurationMs ?? 0, InputBytes, o.PeakMemoryBytes, o.Failure, o.MemoryFailure, o.ChangeId) { Succeeded = o.Succeeded, ExecutorCores = Shape.CoresPerExecutor };

    /// <summary>Maps a report (and what priced and predicted it) to a record; times come from the event log, never the clock.</summary>
    public static RunRecord From(RunReport report, string cohort, Prediction? p, CostReport? cost)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(cohort);
        var run = report.Run;
        var app = run.Application;
        var config = SimulationConfig.FromRun(run);
        var properties = run.Environment.SparkProperties
            .Where(kv => !HistoryDefaults.VolatileProperties.Contains(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var (money, currency) = cost?.Cost is { } c ? (c.Amount, c.Currency)
            : report.Cost is { } rc ? (rc.CurrentPerRun, rc.Currency)
            : ((decimal?)null, (string?)null);
        return new RunRecord(
            cohort,
            app.Id ?? Path.GetFileName(run.Source.Path),
            app.AttemptId ?? string.Empty,
            app.StartTime,
            app.EndTime,
            app.DurationMs ?? app.ObservedSpanMs,
            properties,
            new RunShape(config.Executors, config.CoresPerExecutor, config.ExecutorMemory.Bytes, config.ShufflePartitions),
            run.Totals.InputBytes > 0 ? run.Totals.InputBytes : run.Totals.ShuffleReadBytes,
            money,
            currency,
            FindingsSummary.From(report.Findings),
            p is null ? null : new PredictedRun(p.DurationMs, p.LowMs, p.HighMs, PredictedCost(p, cost), HistoryDefaults.PredictionIntervalLevel, p.Basis.ToString()),
            Verification.None)
        {
            Outcome = RunOutcome.From(CohortRun.From(run)),
        };
    }

    /// <summary>The calibration's view of this run; the predicted duration stands for the replay, else the run itself.</summary>
    public RunHistoryEntry ToHistoryEntry() => new(
        Cohort, Shape.Executors, Shape.CoresPerExecutor, new SparkOptimizer.Model.ByteSize(Shape.ExecutorMemoryBytes), Shape.ShufflePartitions,
        InputBytes, DurationMs ?? 0, Prediction?.DurationMs ?? DurationMs ?? 0);

    private static decimal? PredictedCost(Prediction p, CostReport? cost)
    {
        if (cost?.Rates is not { } rates)
        {
            return null;
        }

        var gib = p.Config.ExecutorMemory.Bytes / (1024.0 * 1024 * 1024);
        return rates.Charge(p.CoreSeconds / 3600, p.ExecutorSeconds * gib / 3600).Amount;
    }
}
