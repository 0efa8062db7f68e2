namespace SparkOptimizer.Publishing;

/// <summary>
/// One recommended value. <paramref name="Key"/> is a Spark conf key (<c>spark.executor.memory</c>) or a pod-side key
/// (<c>executor.memoryOverhead</c>, <c>executor.coreRequest</c>, <c>driver.coreLimit</c>).
/// </summary>
public sealed record ValueChange(string Key, string? From, string To, string Reason);
