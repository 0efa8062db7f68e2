namespace SparkOptimizer.Simulation;

/// <summary>
/// One stage attempt in a replay: its tasks, observed and simulated time, where it sat on the replay clock, and how long
/// its first task waited after submission (<see cref="FirstTaskWaitMs"/>).
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
    long FirstTaskWaitMs);
