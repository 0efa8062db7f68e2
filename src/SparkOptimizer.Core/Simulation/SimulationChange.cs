using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>
/// A what-if change; null fields keep the run's value. An instance-type change is expressed through its effect:
/// cores, memory and <see cref="SpeedFactor"/> (relative per-core speed against the observed machines).
/// </summary>
public sealed record SimulationChange
{
    public int? Executors { get; init; }

    public int? CoresPerExecutor { get; init; }

    public ByteSize? ExecutorMemory { get; init; }

    public int? ShufflePartitions { get; init; }

    /// <summary>
    /// Task counts for named stages (stage id -> partitions): the stages a partition lever governs, as the caller's lever
    /// resolver read them from the plan. A stage named here takes this count whatever <see cref="ShufflePartitions"/> says.
    /// </summary>
    public IReadOnlyDictionary<int, int>? StagePartitions { get; init; }

    public double? SpeedFactor { get; init; }

    public double? MemoryFraction { get; init; }

    public DynamicAllocationBounds? DynamicAllocation { get; init; }

    public bool DisableDynamicAllocation { get; init; }

    public static SimulationChange None { get; } = new();

    /// <summary>Why this change is refused (a target past <see cref="InputBounds"/>, in one line), or null when it is within them.</summary>
    public string? OutOfBounds()
    {
        static string? Range(string what, long? value, long min, long max) =>
            value is { } v && (v < min || v > max) ? $"{what} {v} is out of range: it must be between {min} and {max}" : null;
        static string? Ratio(string what, double? value, double max) =>
            value is { } v && !(v > 0 && v <= max) ? $"{what} {v} is out of range: it must be above 0 and at most {max}" : null;
        return Range("executors (spark.executor.instances)", Executors, 1, InputBounds.MaxExecutors)
            ?? Range("cores per executor (spark.executor.cores)", CoresPerExecutor, 1, InputBounds.MaxCoresPerExecutor)
            ?? Range("executor memory in bytes (spark.executor.memory)", ExecutorMemory?.Bytes, 1, InputBounds.MaxMemoryBytes)
            ?? Range("shuffle partitions (spark.sql.shuffle.partitions)", ShufflePartitions, 1, InputBounds.MaxTasksPerStage)
            ?? Range("minimum executors (spark.dynamicAllocation.minExecutors)", DynamicAllocation?.Min, 0, InputBounds.MaxExecutors)
            ?? Range("maximum executors (spark.dynamicAllocation.maxExecutors)", DynamicAllocation?.Max, 0, InputBounds.MaxExecutors)
            ?? Ratio("speed factor", SpeedFactor, InputBounds.MaxRatio)
            ?? (MemoryFraction is { } f && !(f > 0 && f < 1) ? $"memory fraction (spark.memory.fraction) {f} is out of range: it must be above 0 and below 1" : null);
    }

    /// <summary>Reads Spark conf keys (spark.executor.instances, .cores, .memory, spark.sql.shuffle.partitions, spark.memory.fraction, spark.dynamicAllocation.*).</summary>
    public static SimulationChange FromSparkConf(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int? Int(string key) => settings.TryGetValue(key, out var v) && int.TryParse(v.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
        var change = new SimulationChange
        {
            Executors = Int("spark.executor.instances"),
            CoresPerExecutor = Int("spark.executor.cores"),
            ExecutorMemory = settings.TryGetValue("spark.executor.memory", out var m) && ByteSize.TryParse(m, out var b, ByteSize.MiB) ? b : null,
            ShufflePartitions = Int("spark.sql.shuffle.partitions"),
            MemoryFraction = settings.TryGetValue("spark.memory.fraction", out var f)
                && double.TryParse(f, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var fraction) ? fraction : null,
        };
        if (settings.TryGetValue("spark.dynamicAllocation.enabled", out var da) && bool.TryParse(da.Trim(), out var enabled))
        {
            if (!enabled)
            {
                return change with { DisableDynamicAllocation = true };
            }

            var min = Int("spark.dynamicAllocation.minExecutors") ?? 0;
            var max = Int("spark.dynamicAllocation.maxExecutors") ?? Math.Max(min, change.Executors ?? min);
            return change with { DynamicAllocation = new DynamicAllocationBounds(min, Math.Max(min, max)) };
        }

        return change;
    }
}
