namespace SparkOptimizer.Simulation;

/// <summary>One configuration a search evaluated: the change, its prediction, its cost by the caller's measure, and whether it met the SLA.</summary>
public sealed record SearchCandidate(SimulationChange Change, Prediction Prediction, double Cost, bool MeetsSla);
