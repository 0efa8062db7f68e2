namespace SparkOptimizer.Simulation;

/// <summary>
/// The outcome of one replay: wall time, what the executors cost in time (executor-seconds and core-seconds paid for)
/// and what tasks used (task core-seconds), and every stage's and job's simulated time.
/// </summary>
public sealed record SimulationResult(
    long DurationMs,
    double ExecutorSeconds,
    double CoreSeconds,
    double TaskCoreSeconds,
    int PeakSlots,
    long TasksReplayed,
    IReadOnlyList<StageSimulation> Stages,
    IReadOnlyList<JobSimulation> Jobs)
{
    /// <summary>Used core-seconds against paid core-seconds.</summary>
    public double Utilisation => CoreSeconds > 0 ? Math.Min(1, TaskCoreSeconds / CoreSeconds) : 0;
}
