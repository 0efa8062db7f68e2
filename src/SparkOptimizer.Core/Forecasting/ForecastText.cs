using SparkOptimizer.Analysis;

namespace SparkOptimizer.Forecasting;

/// <summary>
/// The one sentence a forecast becomes, before the finding's next-run metric: "stage 7: 2.3 min -> about 40 s; run
/// 5.1 min -> about 4.2 min [3.8 min, 4.6 min] (what-if replay)", or why there is no figure.
/// </summary>
public static class ForecastText
{
    public static string Format(Forecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var stage = forecast is { StageId: { } id, StageObservedMs: { } before, StagePredictedMs: { } after } && Changed(before, after)
            ? $"stage {id}: {Fmt.Ms(before)} -> about {Fmt.Ms(after)}"
            : null;
        if (forecast.RunPredictedMs is not { } run)
        {
            var why = forecast.NotModelled ?? "no prediction";
            return stage is null ? $"Not replayed: {why}" : $"Predicted {stage} (from {forecast.Basis}; {why})";
        }

        var observed = forecast.RunObservedMs;
        var left = forecast.NotModelled is { } partial ? $"; {partial}" : string.Empty;
        var cores = forecast is { CoreHoursBefore: { } b, CoreHoursAfter: { } a } && b > 0 && Math.Abs(a - b) / b >= FindingForecaster.Resolution
            ? $"; executors {Fmt.D(b)} -> {Fmt.D(a)} core-hours"
            : string.Empty;
        if (!Changed(observed, run))
        {
            return $"The replay predicts no measurable change in run time ({Fmt.Ms(observed)}){cores} ({forecast.Basis}{left})";
        }

        var lead = stage is null ? string.Empty : $"{stage}; ";
        return $"Predicted {lead}run {Fmt.Ms(observed)} -> about {Fmt.Ms(run)} [{Fmt.Ms(forecast.RunLowMs ?? run)}, {Fmt.Ms(forecast.RunHighMs ?? run)}]{cores} ({forecast.Basis}{left})";
    }

    /// <summary>The forecast, then the analyser's next-run metric.</summary>
    public static string Compose(Forecast forecast, string? nextRun) =>
        nextRun is { Length: > 0 } next ? $"{Format(forecast)}; {char.ToLowerInvariant(next[0])}{next[1..]}" : Format(forecast);

    private static bool Changed(long before, long after) =>
        before > 0 && Math.Abs(after - before) / (double)before >= FindingForecaster.Resolution;
}
