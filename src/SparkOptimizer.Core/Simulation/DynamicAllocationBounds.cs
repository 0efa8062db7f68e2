namespace SparkOptimizer.Simulation;

/// <summary>spark.dynamicAllocation bounds: executors come and go between <see cref="Min"/> and <see cref="Max"/>.</summary>
public sealed record DynamicAllocationBounds(int Min, int Max, long IdleTimeoutMs = SimulationDefaults.DynamicAllocationIdleTimeoutMs)
{
    public int Initial { get; init; } = Min;
}
