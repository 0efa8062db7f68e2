namespace SparkOptimizer.Recommendation;

/// <summary>The largest node an executor can land on: allocatable memory for the whole container and cores. From the node shapes, when known.</summary>
public sealed record NodeLimit(long MaxContainerBytes, int MaxCores);
