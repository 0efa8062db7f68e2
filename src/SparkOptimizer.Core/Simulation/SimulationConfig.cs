using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>
/// The cluster a run is replayed on. <see cref="FromRun"/> gives the observed configuration, which replays on the
/// executor timeline the log recorded; any change of executors, cores or dynamic allocation replays on a fixed pool.
/// </summary>
public sealed record SimulationConfig(
    int Executors,
    int CoresPerExecutor,
    ByteSize ExecutorMemory,
    int? ShufflePartitions,
    double SpeedFactor,
    DynamicAllocationBounds? DynamicAllocation)
{
    /// <summary>Replay on the executors the log recorded (their cores, arrival and removal), not on a fixed pool.</summary>
    public bool UseObservedTimeline { get; init; }

    /// <summary>spark.memory.fraction: share of (heap - 300 MiB) for execution and storage.</summary>
    public double MemoryFraction { get; init; } = SimulationDefaults.MemoryFraction;

    /// <summary>spark.task.cpus: cores each task holds.</summary>
    public int TaskCpus { get; init; } = 1;

    /// <summary>Adaptive query execution coalesces shuffle partitions (spark.sql.adaptive.enabled; default from PlatformDefaults: on from Spark 3.2, on EMR and Databricks from 3.0).</summary>
    public bool AdaptiveCoalescing { get; init; }

    /// <summary>spark.sql.adaptive.advisoryPartitionSizeInBytes: the size AQE coalesces shuffle partitions to.</summary>
    public long AdvisoryPartitionBytes { get; init; } = SimulationDefaults.AdvisoryPartitionBytes;

    /// <summary>Task counts for named stages (stage id -> partitions); empty at the observed configuration.</summary>
    public IReadOnlyDictionary<int, int> StagePartitions { get; init; } = EmptyStagePartitions;

    /// <summary>Tasks an executor can run at once by its custom resources (GPUs: executor amount / task amount); null when none.</summary>
    public int? ResourceSlotCap { get; init; }

    /// <summary>Task slots on an executor of <paramref name="cores"/> cores.</summary>
    public int SlotsPerExecutor(int cores) => Math.Max(1, Math.Min(Math.Max(1, cores / Math.Max(1, TaskCpus)), ResourceSlotCap ?? int.MaxValue));

    /// <summary>Task slots of the fixed pool.</summary>
    public int Slots => (int)Math.Clamp((long)Executors * SlotsPerExecutor(CoresPerExecutor), 1, int.MaxValue);

    /// <summary>Execution memory one running task can use (unified memory over the slots of one executor).</summary>
    public double MemoryPerTaskBytes =>
        Math.Max(0, ExecutorMemory.Bytes - SimulationDefaults.ReservedMemoryBytes) * MemoryFraction / SlotsPerExecutor(CoresPerExecutor);

    /// <summary>The configuration the run had, read from its properties and executor events.</summary>
    public static SimulationConfig FromRun(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var env = run.Environment;
        var local = ClusterInference.IsLocal(run);
        var cores = ClusterInference.CoresPerExecutor(run);
        var executors = local ? 1 : ClusterInference.PeakExecutors(run);
        var memoryKey = local ? "spark.driver.memory" : "spark.executor.memory";
        var configured = local ? (env.Get(memoryKey) is { } m && ByteSize.TryParse(m, out var parsed, ByteSize.MiB) ? parsed.Bytes : null) : PlatformDefaults.ExecutorMemoryBytes(run);
        var memory = new ByteSize(configured ?? Model.ExecutorMemory.DefaultHeap);
        var partitions = Math.Clamp(PlatformDefaults.ShufflePartitions(env), 1, InputBounds.MaxTasksPerStage);
        DynamicAllocationBounds? dynamic = null;
        if (!local && PlatformDefaults.DynamicAllocation(run))
        {
            // A log's conf is a caller's input too: past the bound a count is the bound (the simulator's memory follows its tasks anyway).
            var min = Math.Clamp(env.GetInt("spark.dynamicAllocation.minExecutors") ?? 0, 0, InputBounds.MaxExecutors);
            var max = Math.Clamp(env.GetInt("spark.dynamicAllocation.maxExecutors") ?? Math.Max(executors, min), 0, InputBounds.MaxExecutors);
            var idle = ParseMs(env.Get("spark.dynamicAllocation.executorIdleTimeout")) ?? SimulationDefaults.DynamicAllocationIdleTimeoutMs;
            dynamic = new DynamicAllocationBounds(min, Math.Max(min, max), idle)
            {
                Initial = Math.Clamp(env.GetInt("spark.dynamicAllocation.initialExecutors") ?? min, 0, InputBounds.MaxExecutors),
            };
        }

        return new SimulationConfig(Math.Max(1, executors), Math.Max(1, cores), memory, partitions, 1.0, dynamic)
        {
            UseObservedTimeline = true,
            MemoryFraction = ParseDouble(env.Get("spark.memory.fraction")) ?? SimulationDefaults.MemoryFraction,
            TaskCpus = Math.Clamp(env.GetInt("spark.task.cpus") ?? 1, 1, InputBounds.MaxCoresPerExecutor),
            AdaptiveCoalescing = PlatformDefaults.AdaptiveExecution(run) && PlatformDefaults.VersionAtLeast(run.Application.SparkVersion, 3, 0)
                && env.GetBool("spark.sql.adaptive.coalescePartitions.enabled") != false,
            ResourceSlotCap = ResourceCap(env),
            AdvisoryPartitionBytes = env.GetBytes("spark.sql.adaptive.advisoryPartitionSizeInBytes") ?? SimulationDefaults.AdvisoryPartitionBytes,
        };
    }

    /// <summary>This configuration with a change applied; changing the pool's shape leaves the observed timeline.</summary>
    public SimulationConfig With(SimulationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var reshaped = (change.Executors is { } e && e != Executors)
            || (change.CoresPerExecutor is { } c && c != CoresPerExecutor)
            || change.DynamicAllocation is not null
            || change.DisableDynamicAllocation;
        return this with
        {
            Executors = change.Executors ?? Executors,
            CoresPerExecutor = change.CoresPerExecutor ?? CoresPerExecutor,
            ExecutorMemory = change.ExecutorMemory ?? ExecutorMemory,
            ShufflePartitions = change.ShufflePartitions ?? ShufflePartitions,
            SpeedFactor = change.SpeedFactor ?? SpeedFactor,
            MemoryFraction = change.MemoryFraction ?? MemoryFraction,
            // An explicit executor count means a fixed pool (as spark.executor.instances with dynamic allocation off).
            DynamicAllocation = change.DisableDynamicAllocation || (change.Executors is not null && change.DynamicAllocation is null)
                ? null
                : change.DynamicAllocation ?? DynamicAllocation,
            UseObservedTimeline = UseObservedTimeline && !reshaped,
            StagePartitions = change.StagePartitions is { Count: > 0 } stages ? stages : StagePartitions,
        };
    }

    private static readonly IReadOnlyDictionary<int, int> EmptyStagePartitions = new Dictionary<int, int>();

    private static int? ResourceCap(SparkEnvironment env)
    {
        int? cap = null;
        foreach (var (key, value) in env.SparkProperties)
        {
            const string prefix = "spark.task.resource.";
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith(".amount", StringComparison.Ordinal))
            {
                continue;
            }

            var name = key[prefix.Length..^".amount".Length];
            if (ParseDouble(value) is { } perTask && perTask > 0 && ParseDouble(env.Get($"spark.executor.resource.{name}.amount")) is { } perExecutor)
            {
                var slots = Math.Max(1, (int)Math.Floor((perExecutor / perTask) + 1e-9));
                cap = cap is { } c ? Math.Min(c, slots) : slots;
            }
        }

        return cap;
    }

    private static double? ParseDouble(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    // Spark's time strings; a bare number is seconds (spark.dynamicAllocation.executorIdleTimeout's unit).
    private static long? ParseMs(string? text) => ConfDuration.Milliseconds(text, 1000);
}
