using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

/// <summary>Random configurations, cohorts and change lists for the property tests (callers pass a fixed-seed Random).</summary>
internal static class TrustGen
{
    public static readonly string[] Keys =
    [
        ExecutorMemory.Heap, ExecutorMemory.Overhead, ExecutorMemory.OffHeapEnabled, ExecutorMemory.OffHeapSize, ExecutorMemory.PySpark,
        SafetyValidator.DaEnabled, SafetyValidator.DaMin, SafetyValidator.DaInitial, SafetyValidator.DaMax, SafetyValidator.Instances,
        SafetyValidator.ShufflePartitions, SafetyValidator.AqeInitial, SafetyValidator.RequestCores, SafetyValidator.LimitCores,
        "spark.speculation", "spark.executor.cores",
    ];

    public static SparkEnvironment Env(Random r)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in Keys)
        {
            if (r.NextDouble() < 0.6)
            {
                props[key] = Value(r, key);
            }
        }

        return SparkEnvironment.Empty with { SparkProperties = props };
    }

    public static string Value(Random r, string key) => key switch
    {
        ExecutorMemory.Heap => Mem(r, 512, 65536),
        ExecutorMemory.Overhead or ExecutorMemory.PySpark => Mem(r, 256, 8192),
        ExecutorMemory.OffHeapSize => (r.Next(0, 8193) * ByteSize.MiB).ToString(CultureInfo.InvariantCulture),
        ExecutorMemory.OffHeapEnabled or SafetyValidator.DaEnabled or "spark.speculation" => r.NextDouble() < 0.5 ? "true" : "false",
        SafetyValidator.DaMin or SafetyValidator.DaInitial or SafetyValidator.DaMax or SafetyValidator.Instances => r.Next(0, 60).ToString(CultureInfo.InvariantCulture),
        SafetyValidator.ShufflePartitions or SafetyValidator.AqeInitial => r.Next(1, 4000).ToString(CultureInfo.InvariantCulture),
        SafetyValidator.RequestCores or SafetyValidator.LimitCores => r.NextDouble() < 0.5 ? r.Next(1, 9).ToString(CultureInfo.InvariantCulture) : $"{r.Next(100, 8000)}m",
        _ => r.Next(1, 9).ToString(CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<ConfigChange> Changes(Random r, SparkEnvironment env)
    {
        var changes = new List<ConfigChange>();
        foreach (var key in Keys.Where(_ => r.NextDouble() < 0.25))
        {
            changes.Add(new ConfigChange(key, env.Get(key), Value(r, key), "random") { FindingIds = ["f1"] });
        }

        return changes;
    }

    public static Cohort Cohort(Random r, SparkEnvironment env)
    {
        var total = ExecutorMemory.From(env.Get).TotalBytes;
        var runs = new List<CohortRun>();
        var n = r.Next(0, 9);
        var changedFrom = r.Next(0, n + 3);
        for (var i = 0; i < n; i++)
        {
            var oom = r.NextDouble() < 0.1;
            var failure = oom ? RunFailureClass.Application : r.NextDouble() < 0.1 ? RunFailureClass.Infrastructure : RunFailureClass.None;
            runs.Add(new CohortRun($"r{i}", null, 60_000, ByteSize.GiB, (long)(total * (0.1 + (1.3 * r.NextDouble()))), failure, oom, i >= changedFrom ? "c1" : null));
        }

        return new Cohort("random", runs);
    }

    public static ValidationContext Context(Random r)
    {
        var pinned = Keys.Where(_ => r.NextDouble() < 0.1).ToHashSet(StringComparer.Ordinal);
        long? container = r.NextDouble() < 0.3 ? r.Next(2, 96) * ByteSize.GiB : null;
        long? node = r.NextDouble() < 0.7 ? r.Next(8, 128) * ByteSize.GiB : null;
        return new ValidationContext(pinned, container, node);
    }

    private static string Mem(Random r, int minMiB, int maxMiB) =>
        r.NextDouble() < 0.5 ? $"{r.Next(minMiB, maxMiB)}m" : r.NextDouble() < 0.5 ? $"{Math.Max(1, r.Next(minMiB, maxMiB) / 1024)}g" : r.Next(minMiB, maxMiB).ToString(CultureInfo.InvariantCulture);
}
