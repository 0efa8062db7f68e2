using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>
/// Entry point of the what-if simulator. <c>Simulate</c> replays a run on a configuration; <c>Predict</c> answers
/// "what if I change this", with the baseline error and an interval. For many questions about one run (a search),
/// <see cref="Prepare"/> once and ask the <see cref="WhatIfSession"/>.
/// </summary>
public static class WhatIfSimulator
{
    public static WhatIfSession Prepare(SparkRun run) => new(run);

    public static SimulationResult Simulate(SparkRun run, SimulationConfig config) => Prepare(run).Simulate(config);

    public static Prediction Predict(SparkRun run, SimulationChange change) => Prepare(run).Predict(change);
}
