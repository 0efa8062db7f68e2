namespace SparkOptimizer.Operator.Processing;

/// <summary>Predicted duration and cost with the recommended changes, with intervals.</summary>
public sealed record RunPrediction(long DurationMs, long LowMs, long HighMs, double? Cost, double? CostLow = null, double? CostHigh = null, double? Saving = null, double? SavingPercent = null)
{
    /// <summary>What the number rests on: the replay alone, or the replay calibrated by the cohort's history.</summary>
    public string? Basis { get; init; }

    /// <summary>The predicted executor count or memory is more than 2 x away from what the run had: the interval is widened.</summary>
    public bool Extrapolated { get; init; }
}
