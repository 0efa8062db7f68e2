namespace SparkOptimizer.Recommendation;

/// <summary>One executor's size: JVM heap, overhead, cores, and how many (null when the conf leaves it to the cluster or to dynamic allocation).</summary>
public sealed record ExecutorShape(long HeapBytes, long OverheadBytes, int Cores, int? Instances);
