namespace SparkOptimizer.Model;

/// <summary>
/// Peak executor metrics (Spark's ExecutorMetricType names: JVMHeapMemory, ProcessTreeJVMRSSMemory, ...),
/// the maximum seen in task ends and stage executor-metric events.
/// </summary>
public sealed record MetricPeaks(IReadOnlyDictionary<string, long> Values)
{
    public static MetricPeaks None { get; } = new(CompactMap.Empty);

    public static MetricPeaks From(IReadOnlyDictionary<string, long> values) => values.Count == 0 ? None : new MetricPeaks(new CompactMap(values));

    public bool IsEmpty => Values.Count == 0;

    public long? this[string name] => Values.TryGetValue(name, out var v) ? v : null;

    public long? JvmHeap => this["JVMHeapMemory"];

    public long? JvmOffHeap => this["JVMOffHeapMemory"];

    public long? OnHeapExecution => this["OnHeapExecutionMemory"];

    public long? OnHeapStorage => this["OnHeapStorageMemory"];

    public long? OffHeapExecution => this["OffHeapExecutionMemory"];

    public long? JvmRss => this["ProcessTreeJVMRSSMemory"];

    public long? PythonRss => this["ProcessTreePythonRSSMemory"];

    public long? OtherRss => this["ProcessTreeOtherRSSMemory"];

    public long? TotalGcTime => this["TotalGCTime"];
}
