namespace SparkOptimizer.Simulation;

/// <summary>One stage attempt in a replay: its tasks, observed and simulated time, and where it sat on the replay clock.</summary>
public sealed record StageSimulation(
    int StageId,
    int AttemptId,
    int JobId,
    int Tasks,
    long ObservedMs,
    long SimulatedMs,
    long SimulatedStartMs,
    long SimulatedEndMs);
