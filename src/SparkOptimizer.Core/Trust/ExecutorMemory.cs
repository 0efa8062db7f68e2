using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// An executor container's memory as Spark on Kubernetes requests it: heap + overhead + off-heap (when enabled) + PySpark.
/// Overhead defaults to max(384 MiB, factor x heap) as Spark computes it.
/// </summary>
public readonly record struct ExecutorMemory(long HeapBytes, long OverheadBytes, long OffHeapBytes, long PySparkBytes)
{
    public const string Heap = "spark.executor.memory";
    public const string Overhead = "spark.executor.memoryOverhead";
    public const string OverheadFactor = "spark.executor.memoryOverheadFactor";
    public const string OffHeapEnabled = "spark.memory.offHeap.enabled";
    public const string OffHeapSize = "spark.memory.offHeap.size";
    public const string PySpark = "spark.executor.pyspark.memory";

    public static IReadOnlyList<string> Keys { get; } = [Heap, Overhead, OffHeapEnabled, OffHeapSize, PySpark];

    public const long DefaultHeap = ByteSize.GiB;
    public const long MinOverhead = 384 * ByteSize.MiB;

    public long TotalBytes => HeapBytes + OverheadBytes + OffHeapBytes + PySparkBytes;

    public static bool IsMemoryKey(string key) => Keys.Contains(key, StringComparer.Ordinal);

    /// <summary>Reads the layout from a conf lookup (the run's environment, or that with changes applied).</summary>
    public static ExecutorMemory From(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var heap = Size(get(Heap), ByteSize.MiB) ?? DefaultHeap;
        var factor = double.TryParse(get(OverheadFactor), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 0.1;
        var overhead = Size(get(Overhead), ByteSize.MiB) ?? Math.Max(MinOverhead, (long)(heap * factor));
        var offHeapOn = bool.TryParse(get(OffHeapEnabled)?.Trim(), out var on) && on;
        var offHeap = offHeapOn ? Size(get(OffHeapSize), 1) ?? 0 : 0;
        var pyspark = Size(get(PySpark), ByteSize.MiB) ?? 0;
        return new ExecutorMemory(heap, overhead, offHeap, pyspark);
    }

    /// <summary>The environment's values with the changes laid over them.</summary>
    public static Func<string, string?> Effective(SparkEnvironment env, IEnumerable<ConfigChange> changes)
    {
        ArgumentNullException.ThrowIfNull(env);
        var overlay = changes.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().To, StringComparer.Ordinal);
        return key => overlay.TryGetValue(key, out var v) ? v : env.Get(key);
    }

    private static long? Size(string? value, long unit) => ByteSize.TryParse(value, out var b, unit) && b.Bytes >= 0 ? b.Bytes : null;
}
