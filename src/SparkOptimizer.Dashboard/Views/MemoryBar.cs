namespace SparkOptimizer.Dashboard.Views;

/// <summary>One executor's peak memory against its limits: heap used vs heap size, process RSS vs the pod's memory.</summary>
public sealed record MemoryBar(string ExecutorId, long? PeakHeapBytes, long? PeakRssBytes, long HeapLimitBytes, long PodLimitBytes);
