namespace SparkOptimizer.Trust;

/// <summary>A predicted duration with its interval, flagged when it reaches far outside anything observed.</summary>
public sealed record PredictedInterval(long DurationMs, long LowMs, long HighMs, bool Extrapolated)
{
    public bool Contains(long observedMs) => observedMs >= LowMs && observedMs <= HighMs;
}
