using System.Globalization;

namespace SparkOptimizer.Model;

/// <summary>
/// The one model of a Spark container's memory, used by the sizer, the cost model, the rails and the simulator: heap +
/// overhead + off-heap (when enabled) + PySpark memory. Overhead is spark.{role}.memoryOverhead, else Spark's own rule
/// max(384 MiB, factor x heap), the factor spark.{role}.memoryOverheadFactor, else spark.kubernetes.memoryOverheadFactor,
/// else 0.10 for JVM apps and 0.40 for Python and R apps on Kubernetes (Spark's non-JVM default there).
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
    public const double JvmOverheadFactor = 0.10;
    public const double NonJvmOverheadFactor = 0.40;

    public long TotalBytes => HeapBytes + OverheadBytes + OffHeapBytes + PySparkBytes;

    public static bool IsMemoryKey(string key) => Keys.Contains(key, StringComparer.Ordinal);

    /// <summary>Reads the layout from a conf lookup (the run's environment, or that with changes applied); <paramref name="role"/> is executor or driver.</summary>
    public static ExecutorMemory From(Func<string, string?> get, string role = "executor")
    {
        ArgumentNullException.ThrowIfNull(get);
        var heap = Size(get($"spark.{role}.memory"), ByteSize.MiB) ?? DefaultHeap;
        return ForHeap(get, heap, role);
    }

    /// <summary>The layout for another heap under the same conf: an explicit overhead stays, a derived one follows the heap.</summary>
    public static ExecutorMemory ForHeap(Func<string, string?> get, long heapBytes, string role = "executor")
    {
        ArgumentNullException.ThrowIfNull(get);
        var overhead = Size(get($"spark.{role}.memoryOverhead"), ByteSize.MiB) ?? DefaultOverhead(heapBytes, Factor(get, role));
        if (role != "executor")
        {
            return new ExecutorMemory(heapBytes, overhead, 0, 0);
        }

        var offHeapOn = bool.TryParse(get(OffHeapEnabled)?.Trim(), out var on) && on;
        var offHeap = offHeapOn ? Size(get(OffHeapSize), 1) ?? 0 : 0;
        var pyspark = Size(get(PySpark), ByteSize.MiB) ?? 0;
        return new ExecutorMemory(heapBytes, overhead, offHeap, pyspark);
    }

    /// <summary>Spark's overhead rule: max(384 MiB, factor x heap).</summary>
    public static long DefaultOverhead(long heapBytes, double factor = JvmOverheadFactor) => Math.Max(MinOverhead, (long)(heapBytes * factor));

    /// <summary>The overhead factor in force: set for the role, set for Kubernetes, else 0.40 for a Python or R app on Kubernetes, else 0.10.</summary>
    public static double Factor(Func<string, string?> get, string role = "executor")
    {
        ArgumentNullException.ThrowIfNull(get);
        static double? Parse(string? v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : null;
        return Parse(get($"spark.{role}.memoryOverheadFactor")) ?? Parse(get("spark.kubernetes.memoryOverheadFactor"))
            ?? (NonJvmOnKubernetes(get) ? NonJvmOverheadFactor : JvmOverheadFactor);
    }

    private static bool NonJvmOnKubernetes(Func<string, string?> get) =>
        (get("spark.master") ?? string.Empty).StartsWith("k8s", StringComparison.OrdinalIgnoreCase)
        && (get("spark.kubernetes.resource.type") is "python" or "r" || !string.IsNullOrEmpty(get("spark.pyspark.python")) || !string.IsNullOrEmpty(get("spark.submit.pyFiles")));

    /// <summary>The environment's values with the changes laid over them.</summary>
    public static Func<string, string?> Effective(SparkEnvironment env, IEnumerable<(string Key, string To)> changes)
    {
        ArgumentNullException.ThrowIfNull(env);
        var overlay = changes.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().To, StringComparer.Ordinal);
        return key => overlay.TryGetValue(key, out var v) ? v : env.Get(key);
    }

    private static long? Size(string? value, long unit) => ByteSize.TryParse(value, out var b, unit) && b.Bytes >= 0 ? b.Bytes : null;
}
