namespace SparkOptimizer.Simulation;

/// <summary>
/// A what-if answer: the baseline check, the predicted duration with its interval, the simulated configuration and
/// the replay behind it (executor- and core-seconds for pricing), and how the number was made.
/// </summary>
public sealed record Prediction(
    BaselineComparison Baseline,
    SimulationConfig Config,
    long DurationMs,
    long LowMs,
    long HighMs,
    SimulationResult Replay,
    PredictionBasis Basis,
    IReadOnlyList<string> Notes)
{
    /// <summary>Predicted change against the observed duration (negative is faster), in percent.</summary>
    public double? ChangePct => Baseline.ObservedMs is > 0 and var o ? (DurationMs - o) * 100.0 / o : null;

    /// <summary>Executor-seconds scaled to the predicted duration (what the configuration would pay for).</summary>
    public double ExecutorSeconds => Replay.DurationMs > 0 ? Replay.ExecutorSeconds * DurationMs / Replay.DurationMs : Replay.ExecutorSeconds;

    public double CoreSeconds => Replay.DurationMs > 0 ? Replay.CoreSeconds * DurationMs / Replay.DurationMs : Replay.CoreSeconds;
}
