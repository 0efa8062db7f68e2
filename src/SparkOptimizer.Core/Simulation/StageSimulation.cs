namespace SparkOptimizer.Simulation;

/// <summary>
/// One stage attempt in a replay: its tasks, observed and simulated time, where it sat on the replay clock, and how long
/// its first task waited after submission (<see cref="FirstTaskWaitMs"/>). <see cref="Tasks"/> is the observed count.
/// </summary>
public sealed record StageSimulation(
    int StageId,
    int AttemptId,
    int JobId,
    int Tasks,
    long ObservedMs,
    long SimulatedMs,
    long SimulatedStartMs,
    long SimulatedEndMs,
    long FirstTaskWaitMs)
{
    /// <summary>Tasks the replay ran for the stage: <see cref="Tasks"/> unless a partition change reshaped it.</summary>
    public int ReplayedTasks { get; init; } = Tasks;
}
