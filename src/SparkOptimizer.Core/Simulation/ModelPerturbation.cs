namespace SparkOptimizer.Simulation;

/// <summary>Scales on the task-time model's uncertain parameters, for the sensitivity runs behind an interval.</summary>
internal readonly record struct ModelPerturbation(double Gc, double Spill, double Speed, int Seed)
{
    public static ModelPerturbation Neutral { get; } = new(1, 1, 1, SimulationDefaults.SensitivitySeeds[0]);
}
