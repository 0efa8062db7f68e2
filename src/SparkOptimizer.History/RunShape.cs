namespace SparkOptimizer.History;

/// <summary>The cluster shape a run had, as the simulator reads it: what the calibration fits against.</summary>
public sealed record RunShape(int Executors, int CoresPerExecutor, long ExecutorMemoryBytes, int? ShufflePartitions);
