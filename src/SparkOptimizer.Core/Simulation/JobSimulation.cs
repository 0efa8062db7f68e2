namespace SparkOptimizer.Simulation;

/// <summary>One job in a replay: observed and simulated time from submission to end, and where it sat on the replay clock.</summary>
public sealed record JobSimulation(int JobId, long ObservedMs, long SimulatedMs, long SimulatedStartMs, long SimulatedEndMs);
