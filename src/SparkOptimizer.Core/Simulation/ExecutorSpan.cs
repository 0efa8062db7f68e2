namespace SparkOptimizer.Simulation;

/// <summary>An executor's life on the replay clock (milliseconds from application start).</summary>
internal readonly record struct ExecutorSpan(long AddedMs, long RemovedMs, int Cores);
