using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Recommendation;

namespace SparkOptimizer.Trust;

/// <summary>
/// Issue 10's validator over the effective configuration (the run's conf with the changes laid over it). <see cref="Check"/> lists
/// violations; <see cref="Enforce"/> runs the existing <see cref="ConfValidator"/> and then repairs with unpinned keys only, dropping
/// a change when no repair fits. Rules: min &lt;= initial &lt;= max executors; instances inside [min, max] under dynamic allocation; AQE's
/// initial partition number equal to spark.sql.shuffle.partitions; cpu request &lt;= limit; heap + overhead + off-heap + PySpark
/// &lt;= container limit &lt;= largest node allocatable; pinned keys untouched.
/// </summary>
public static class SafetyValidator
{
    public const string DaEnabled = "spark.dynamicAllocation.enabled";
    public const string DaMin = "spark.dynamicAllocation.minExecutors";
    public const string DaInitial = "spark.dynamicAllocation.initialExecutors";
    public const string DaMax = "spark.dynamicAllocation.maxExecutors";
    public const string Instances = "spark.executor.instances";
    public const string ShufflePartitions = "spark.sql.shuffle.partitions";
    public const string AqeInitial = "spark.sql.adaptive.coalescePartitions.initialPartitionNum";
    public const string RequestCores = "spark.kubernetes.executor.request.cores";
    public const string LimitCores = "spark.kubernetes.executor.limit.cores";

    public static IReadOnlyList<Violation> Check(Func<string, string?> get, ValidationContext context, IEnumerable<ConfigChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(context);
        var v = new List<Violation>();
        if (changes is not null)
        {
            v.AddRange(changes.Where(c => context.Pinned.Contains(c.Key)).Select(c => new Violation("pinned", [c.Key], $"{c.Key} is pinned and was changed")));
        }

        if (Bool(get(DaEnabled)))
        {
            var min = Int(get(DaMin)) ?? 0;
            var max = Int(get(DaMax)) ?? int.MaxValue;
            if (min > max)
            {
                v.Add(new Violation("executors-min-max", [DaMin, DaMax], $"minExecutors {min} > maxExecutors {max}"));
            }

            if (Int(get(DaInitial)) is { } initial && (initial < min || initial > max))
            {
                v.Add(new Violation("executors-initial", [DaInitial, DaMin, DaMax], $"initialExecutors {initial} outside [{min}, {max}]"));
            }

            if (Int(get(Instances)) is { } n && (n < min || n > max))
            {
                v.Add(new Violation("instances-dynamic", [Instances, DaMin, DaMax], $"instances {n} outside dynamic allocation's [{min}, {max}]"));
            }
        }

        if (Int(get(AqeInitial)) is { } aqe && Int(get(ShufflePartitions)) is { } partitions && aqe != partitions)
        {
            v.Add(new Violation("aqe-partitions", [AqeInitial, ShufflePartitions], $"initialPartitionNum {aqe} != shuffle.partitions {partitions}"));
        }

        if (Cores(get(RequestCores)) is { } request && Cores(get(LimitCores)) is { } limit && request > limit)
        {
            v.Add(new Violation("request-limit", [RequestCores, LimitCores], $"cpu request {get(RequestCores)} > limit {get(LimitCores)}"));
        }

        var total = ExecutorMemory.From(get).TotalBytes;
        var container = context.ContainerLimitBytes ?? total;
        if (total > container)
        {
            v.Add(new Violation("memory-container", ExecutorMemory.Keys, $"heap + overhead + off-heap + PySpark {ByteSize.Format(total)} > container limit {ByteSize.Format(container)}"));
        }

        if (context.LargestNodeAllocatableBytes is { } node && container > node)
        {
            v.Add(new Violation("memory-node", ExecutorMemory.Keys, $"container {ByteSize.Format(container)} > largest node allocatable {ByteSize.Format(node)}"));
        }

        return v;
    }

    public static IReadOnlyList<ConfigChange> Enforce(IReadOnlyList<ConfigChange> changes, SparkEnvironment env, ValidationContext context, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(notes);
        var set = new ChangeSet();
        foreach (var c in Unpinned(changes, context, notes))
        {
            set.Set(c);
        }

        ConfValidator.Apply(set, env, notes);
        var list = Unpinned(set.Changes, context, notes).ToList();
        Executors(list, env, context);
        Aqe(list, env, context);
        RequestLimit(list, env, context);
        Memory(list, env, context, notes);
        return Fallback(list, env, context, notes);
    }

    /// <summary>
    /// When pinned keys leave no repair, the changes behind a violation the input did not have go back (for dynamic-allocation rules,
    /// switching it on too); if that is still not enough, nothing is emitted.
    /// </summary>
    private static List<ConfigChange> Fallback(List<ConfigChange> list, SparkEnvironment env, ValidationContext context, List<string> notes)
    {
        var had = Check(env.Get, context).Select(v => v.Rule).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<Violation> New() => Check(ExecutorMemory.Effective(env, list.Pairs()), context, list).Where(v => !had.Contains(v.Rule)).ToArray();
        var fresh = New();
        if (fresh.Count == 0)
        {
            return list;
        }

        var keys = fresh.SelectMany(v => v.Keys).Append(DaEnabled).ToHashSet(StringComparer.Ordinal);
        list.RemoveAll(c => keys.Contains(c.Key));
        notes.Add($"changes to {string.Join(", ", keys.Order(StringComparer.Ordinal))} dropped: {string.Join("; ", fresh.Select(v => v.Message))}, and pinned keys leave no repair");
        if (New().Count > 0)
        {
            notes.Add("no change emitted: the configuration cannot be made consistent without touching pinned keys");
            list.Clear();
        }

        return list;
    }

    private static IEnumerable<ConfigChange> Unpinned(IEnumerable<ConfigChange> changes, ValidationContext context, List<string> notes)
    {
        foreach (var c in changes)
        {
            if (context.Pinned.Contains(c.Key))
            {
                notes.Add($"{c.Key}={c.To} dropped: the key is pinned");
                continue;
            }

            yield return c;
        }
    }

    private static void Executors(List<ConfigChange> list, SparkEnvironment env, ValidationContext context)
    {
        var get = ExecutorMemory.Effective(env, list.Pairs());
        if (!Bool(get(DaEnabled)))
        {
            return;
        }

        int min = Int(get(DaMin)) ?? 0, max = Int(get(DaMax)) ?? int.MaxValue;
        if (min > max)
        {
            // Repair on whichever end is free; when both are pinned the changes to either go back.
            if (!context.Pinned.Contains(DaMin))
            {
                Put(list, env, DaMin, max, "kept at or below maxExecutors");
                min = max;
            }
            else if (!context.Pinned.Contains(DaMax))
            {
                Put(list, env, DaMax, min, "kept at or above minExecutors");
                max = min;
            }
        }

        foreach (var key in new[] { DaInitial, Instances })
        {
            if (Int(get(key)) is { } n && (n < min || n > max) && min <= max)
            {
                if (!context.Pinned.Contains(key))
                {
                    Put(list, env, key, Math.Clamp(n, min, max), $"kept inside dynamic allocation's [{min}, {max}]");
                }
                else if (n > max && !context.Pinned.Contains(DaMax))
                {
                    // The user pinned this count: the bounds move to hold it.
                    Put(list, env, DaMax, n, $"raised to the pinned {key}");
                    max = n;
                }
                else if (n < min && !context.Pinned.Contains(DaMin))
                {
                    Put(list, env, DaMin, n, $"lowered to the pinned {key}");
                    min = n;
                }
            }
        }
    }

    private static void Aqe(List<ConfigChange> list, SparkEnvironment env, ValidationContext context)
    {
        var get = ExecutorMemory.Effective(env, list.Pairs());
        if (Int(get(AqeInitial)) is not { } aqe || Int(get(ShufflePartitions)) is not { } partitions || aqe == partitions)
        {
            return;
        }

        if (!context.Pinned.Contains(AqeInitial))
        {
            Put(list, env, AqeInitial, partitions, "kept equal to spark.sql.shuffle.partitions");
        }
        else if (!context.Pinned.Contains(ShufflePartitions))
        {
            Put(list, env, ShufflePartitions, aqe, "kept equal to the pinned initialPartitionNum");
        }
    }

    private static void RequestLimit(List<ConfigChange> list, SparkEnvironment env, ValidationContext context)
    {
        var get = ExecutorMemory.Effective(env, list.Pairs());
        if (Cores(get(RequestCores)) is { } request && Cores(get(LimitCores)) is { } limit && request > limit)
        {
            if (!context.Pinned.Contains(RequestCores))
            {
                Set(list, env, RequestCores, get(LimitCores)!, "kept at or below the cpu limit");
            }
            else if (!context.Pinned.Contains(LimitCores))
            {
                Set(list, env, LimitCores, get(RequestCores)!, "kept at or above the pinned cpu request");
            }
        }
    }

    private static void Memory(List<ConfigChange> list, SparkEnvironment env, ValidationContext context, List<string> notes)
    {
        var total = ExecutorMemory.From(ExecutorMemory.Effective(env, list.Pairs())).TotalBytes;
        var cap = Math.Min(context.ContainerLimitBytes ?? long.MaxValue, context.LargestNodeAllocatableBytes ?? long.MaxValue);
        var before = ExecutorMemory.From(env.Get).TotalBytes;
        if (total > cap && total > before && list.RemoveAll(c => ExecutorMemory.IsMemoryKey(c.Key)) > 0)
        {
            // Lowering memory to fit would fight the ratchet, so the memory change goes back and a person decides (bigger nodes, or less per executor).
            notes.Add($"memory changes dropped: {ByteSize.Format(total)} would not fit the container limit or the largest node ({ByteSize.Format(cap)})");
        }
    }

    private static void Put(List<ConfigChange> list, SparkEnvironment env, string key, int value, string reason) =>
        Set(list, env, key, value.ToString(CultureInfo.InvariantCulture), reason);

    private static void Set(List<ConfigChange> list, SparkEnvironment env, string key, string value, string reason)
    {
        var evidence = list.SelectMany(c => c.FindingIds).Distinct(StringComparer.Ordinal).ToArray();
        var existing = list.FindIndex(c => c.Key == key);
        var change = new ConfigChange(key, env.Get(key), value, reason) { FindingIds = existing >= 0 ? list[existing].FindingIds : evidence };
        if (existing >= 0)
        {
            list[existing] = change;
        }
        else
        {
            list.Add(change);
        }
    }

    private static bool Bool(string? value) => bool.TryParse(value?.Trim(), out var b) && b;

    private static int? Int(string? value) => int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    // Kubernetes cpu quantities: "2", "1.5", "500m".
    private static double? Cores(string? value)
    {
        var s = value?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        var milli = s.EndsWith('m');
        return double.TryParse(milli ? s[..^1] : s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? milli ? d / 1000 : d : null;
    }
}
