namespace SparkOptimizer.Analysis;

/// <summary>
/// What a finding's change is predicted to do to the run: the run's observed time against the predicted time and its
/// interval, the stage that motivated the change before and after, and the executor core-hours before and after.
/// <see cref="NotModelled"/> names what the replay cannot model: with no predicted run time it is why there is no figure,
/// with one it is what the figure leaves out.
/// </summary>
public sealed record Forecast(
    string Basis,
    long RunObservedMs,
    long? RunPredictedMs,
    long? RunLowMs,
    long? RunHighMs,
    int? StageId,
    long? StageObservedMs,
    long? StagePredictedMs)
{
    public string? NotModelled { get; init; }

    /// <summary>Core-hours the executors held in the replay at today's configuration and with the change.</summary>
    public double? CoreHoursBefore { get; init; }

    public double? CoreHoursAfter { get; init; }

    /// <summary>The most of the run's time the change can recover by the replay (its optimistic end), 0 when none.</summary>
    public double TimeAtStake => RunLowMs is { } low && RunObservedMs > 0 ? Math.Clamp((RunObservedMs - low) / (double)RunObservedMs, 0, 1) : 0;

    /// <summary>The share of the executors' core-hours the change saves by the replay, 0 when none.</summary>
    public double MoneyAtStake => CoreHoursBefore is > 0 and var b && CoreHoursAfter is { } a ? Math.Clamp((b - a) / b, 0, 1) : 0;

    /// <summary>The larger of the time and money shares: what the change is worth.</summary>
    public double AtStake => Math.Max(TimeAtStake, MoneyAtStake);

    /// <summary>True when the replay gave the run's time.</summary>
    public bool Replayed => RunPredictedMs is not null;
}
