using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Forecasting;

/// <summary>
/// A skew fix from the stage's own task times (the replay does not model one): the stage comes down to the larger of its
/// p90 task and its task time spread over the slots it could use. The run can gain at most what the stage loses, so the
/// run's optimistic end is today's minus that; no point prediction is claimed for the run.
/// </summary>
public static class SkewForecast
{
    public static Forecast? For(AnalysisContext context, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = context.Run;
        ArgumentNullException.ThrowIfNull(finding);
        var stage = run.Stages.Where(s => finding.StageIds.Contains(s.StageId) && s.DurationMs is > 0).MaxBy(s => s.DurationMs);
        if (stage is null || run.Application.DurationMs is not { } observed || observed <= 0)
        {
            return null;
        }

        var d = stage.Tasks.DurationMs;
        var slots = Math.Max(1, Math.Min(d.Count, context.Facts.PeakSlots));
        var duration = stage.DurationMs!.Value;
        var balanced = Math.Max(d.P90, d.Sum / (double)slots);
        var saved = (long)Math.Max(0, Math.Min(d.Max - d.P90, duration - balanced));
        if (saved <= duration * FindingForecaster.Resolution)
        {
            return null;
        }

        return new Forecast("the stage's own task times", observed, null, Math.Max(0, observed - saved), null, stage.StageId, duration, duration - saved)
        {
            NotModelled = "the replay does not model a skew fix",
        };
    }
}
