namespace SparkOptimizer.Reporting;

/// <summary>The configuration behind the report's recommended cost, as whatif takes it (--executors, cores, heap, --instance-type).</summary>
public sealed record RecommendedShape(int Executors, int CoresPerExecutor, string ExecutorMemory, string? InstanceType);
