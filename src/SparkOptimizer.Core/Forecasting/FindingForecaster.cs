using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Forecasting;

/// <summary>
/// Puts a prediction on every finding that proposes something: its applied changes replayed (<see cref="ReplayLevers"/>),
/// the run's and the motivating stage's time before and after with the replay's interval; for skew, the stage's own task
/// times; for levers the replay cannot model, the reason instead of a number. The finding's next-run metric follows it.
/// </summary>
public sealed class FindingForecaster(WhatIfSession? session, AnalysisContext context)
{
    /// <summary>Below this share of the run the replay claims no change either way (its own resolution).</summary>
    public const double Resolution = 0.02;

    private SparkRun Run => context.Run;

    public Finding Forecast(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Recommendations.Count == 0 || Run.Application.DurationMs is not { } observed || observed <= 0)
        {
            return finding;
        }

        var forecast = finding.Category == "skew" ? SkewForecast.For(context, finding) : Replay(finding, observed);
        return forecast is null ? finding : finding with
        {
            Forecast = forecast,
            ExpectedImprovement = ForecastText.Compose(forecast, finding.ExpectedImprovement),
        };
    }

    private Forecast? Replay(Finding finding, long observedMs)
    {
        var (change, missing) = ReplayLevers.For(finding, Run, context.Levers);
        var notModelled = missing.Count > 0 ? $"the replay does not model {string.Join(", ", missing)}" : null;
        if (change is null)
        {
            return notModelled is null ? null : new Forecast("not replayed", observedMs, null, null, null, null, null, null) { NotModelled = notModelled };
        }

        if (change == SimulationChange.None && missing.Count == 0)
        {
            // Overhead and shuffle tracking keep a run alive; the run's time is not what they are for, nor what is at stake.
            return new Forecast("not replayed", observedMs, null, null, null, null, null, null)
            {
                NotModelled = "the change keeps the run alive (memory overhead, shuffle tracking) rather than changing its time",
            };
        }

        if (session is null)
        {
            return new Forecast("not replayed", observedMs, null, null, null, null, null, null) { NotModelled = "the run could not be replayed (no stage with tasks)" };
        }

        var baseline = session.Predict(SimulationChange.None);
        var prediction = session.Predict(change);
        var stage = MotivatingStage(finding, change);
        long? stageObserved = stage?.DurationMs;
        long? stagePredicted = null;
        if (stage is not null && stageObserved is > 0)
        {
            var before = SimulatedMs(baseline.Replay, stage.StageId);
            var after = SimulatedMs(prediction.Replay, stage.StageId);
            stagePredicted = before > 0 ? (long)Math.Round(stageObserved.Value * (after / (double)before)) : null;
        }

        // The prediction is scaled to the observed duration the replay was checked against; state it against the run's own.
        var scale = baseline.Baseline.ObservedMs is > 0 and var o ? observedMs / (double)o : 1;
        long Scaled(long ms) => (long)Math.Round(ms * scale);
        return new Forecast("what-if replay", observedMs, Scaled(prediction.DurationMs), Scaled(prediction.LowMs), Scaled(prediction.HighMs), stage?.StageId, stageObserved, stagePredicted)
        {
            NotModelled = notModelled,
            CoreHoursBefore = baseline.CoreSeconds / 3600,
            CoreHoursAfter = prediction.CoreSeconds / 3600,
        };
    }

    /// <summary>The finding's longest stage that the change reshapes, else its longest stage.</summary>
    private StageInfo? MotivatingStage(Finding finding, SimulationChange change)
    {
        var named = change.StagePartitions is { } partitions ? finding.StageIds.Where(partitions.ContainsKey).ToArray() : [];
        var ids = (named.Length > 0 ? named : finding.StageIds).ToHashSet();
        return Run.Stages.Where(s => ids.Contains(s.StageId) && s.DurationMs is > 0).MaxBy(s => s.DurationMs);
    }

    private static long SimulatedMs(SimulationResult replay, int stageId) =>
        replay.Stages.Where(s => s.StageId == stageId).Select(s => s.SimulatedMs).DefaultIfEmpty(0).Max();
}
