namespace SparkOptimizer.History;

/// <summary>What the simulator predicted for a run: duration with its interval, the cost, and what the number rests on.</summary>
/// <param name="IntervalLevel">Two-sided coverage of [LowMs, HighMs] (0.8 for the calibrator's 80 % interval).</param>
/// <param name="Basis">The prediction's basis by name (replay, replay with Ernest, ...).</param>
public sealed record PredictedRun(long DurationMs, long LowMs, long HighMs, decimal? Cost, double IntervalLevel, string Basis);
