namespace SparkOptimizer.Simulation;

/// <summary>
/// The result of a configuration search: the cheapest candidate that met the SLA (null when none did), and every
/// candidate evaluated with its prediction and cost, cheapest first.
/// </summary>
public sealed record SearchOutcome(
    SimulationChange? Best,
    Prediction? BestPrediction,
    double? BestCost,
    IReadOnlyList<(SimulationChange Change, Prediction Prediction, double Cost, bool MeetsSla)> Evaluated);
