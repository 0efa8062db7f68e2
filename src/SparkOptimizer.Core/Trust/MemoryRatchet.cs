using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// The memory ratchet over a cohort. Container memory (heap + overhead + off-heap + PySpark) is never recommended below the cohort's
/// highest peak x (1 + buffer); it never goes down while the cohort is learning or within the cool-down after an OOM or exit 137; a
/// decrease is at most one step (<see cref="TrustDefaults.MemoryStepDown"/> of the current total) per merged change, and the next step
/// waits until the latest merged change has as many runs as a learning cohort needs; increases pass at once.
/// The ratchet only removes or raises memory changes, so it cannot make a valid configuration invalid by lowering anything.
/// </summary>
public static class MemoryRatchet
{
    public static RatchetResult Apply(IReadOnlyList<ConfigChange> changes, SparkEnvironment env, Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(cohort);
        var notes = new List<string>();
        var d = cohort.Defaults;
        var current = ExecutorMemory.From(env.Get);
        var list = changes.ToList();
        // The floor comes from runs of the executor shape being proposed (its cores), not from every run of the job.
        var cores = ProposedCores(list, env);
        var floor = cohort.MemoryFloorFor(cores);
        var proposed = ExecutorMemory.From(ExecutorMemory.Effective(env, list.Pairs()));
        var touchesMemory = list.Any(c => ExecutorMemory.IsMemoryKey(c.Key));
        if (!touchesMemory)
        {
            return new RatchetResult(list, cohort.LowConfidence, current.TotalBytes, current.TotalBytes, floor, notes);
        }

        if (proposed.TotalBytes < current.TotalBytes)
        {
            var blocked = cohort.LowConfidence ? $"{cohort.Describe()}: memory is never lowered while learning"
                : cohort.InMemoryCooldown ? $"an OOM or container kill {cohort.RunsSinceMemoryFailure} run(s) ago: no memory decrease within {d.OomCooldownRuns} runs"
                : cohort.AwaitingLatestChange ? $"the last merged change has {cohort.RunsUnderLatestChange} run(s): the next step down waits for {d.LearningRuns}"
                : null;
            long target;
            if (blocked is not null)
            {
                // Keep only the memory changes that raise their own key; the rest go back to the current value.
                list.RemoveAll(c => ExecutorMemory.IsMemoryKey(c.Key) && Lowers(c, env));
                notes.Add(blocked);
                proposed = ExecutorMemory.From(ExecutorMemory.Effective(env, list.Pairs()));
                target = Math.Max(proposed.TotalBytes, current.TotalBytes);
            }
            else
            {
                var oneStep = (long)Math.Ceiling(current.TotalBytes * (1 - d.MemoryStepDown));
                target = Math.Max(proposed.TotalBytes, Math.Max(floor, oneStep));
                if (target > proposed.TotalBytes)
                {
                    notes.Add($"memory decrease limited to {ByteSize.Format(target)}: floor {ByteSize.Format(floor)} (peak x {1 + d.MemoryBuffer:0.##}), one step {ByteSize.Format(oneStep)}");
                }
            }

            if (target >= current.TotalBytes)
            {
                list.RemoveAll(c => ExecutorMemory.IsMemoryKey(c.Key) && Lowers(c, env));
                proposed = ExecutorMemory.From(ExecutorMemory.Effective(env, list.Pairs()));
                target = proposed.TotalBytes;
            }

            list = RaiseHeap(list, env, proposed, target);
        }

        // Whatever memory is still recommended is never below the floor (this can turn a small increase into a larger one).
        proposed = ExecutorMemory.From(ExecutorMemory.Effective(env, list.Pairs()));
        if (list.Any(c => ExecutorMemory.IsMemoryKey(c.Key)) && proposed.TotalBytes < floor)
        {
            notes.Add($"memory raised to the floor {ByteSize.Format(floor)} (cohort peak {ByteSize.Format(cohort.PeakMemoryFor(cores))} x {1 + d.MemoryBuffer:0.##})");
            list = RaiseHeap(list, env, proposed, floor);
        }

        proposed = ExecutorMemory.From(ExecutorMemory.Effective(env, list.Pairs()));
        return new RatchetResult(list, cohort.LowConfidence, current.TotalBytes, proposed.TotalBytes, floor, notes);
    }

    /// <summary>Why the changes break the ratchet for this cohort (null when they hold): the check behind <see cref="Apply"/>, run again after the validator.</summary>
    public static string? Broken(IReadOnlyList<ConfigChange> changes, SparkEnvironment env, Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(cohort);
        var before = ExecutorMemory.From(env.Get).TotalBytes;
        var after = ExecutorMemory.From(ExecutorMemory.Effective(env, changes.Pairs())).TotalBytes;
        var floorFor = cohort.MemoryFloorFor(ProposedCores(changes, env));
        if (changes.Any(c => ExecutorMemory.IsMemoryKey(c.Key)) && after < floorFor)
        {
            return $"memory {ByteSize.Format(after)} below the cohort floor {ByteSize.Format(floorFor)}";
        }

        if (after >= before)
        {
            return null;
        }

        return cohort.LowConfidence ? "memory decrease while the cohort is learning"
            : cohort.InMemoryCooldown ? "memory decrease within the OOM cool-down"
            : cohort.AwaitingLatestChange ? "memory decrease before the last merged change has enough runs"
            : after < (long)Math.Ceiling(before * (1 - cohort.Defaults.MemoryStepDown)) ? "memory decrease of more than one step"
            : null;
    }

    /// <summary>True when the change sets a memory key below its current effective value.</summary>
    public static bool Lowers(ConfigChange change, SparkEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(env);
        var before = ExecutorMemory.From(env.Get);
        var after = ExecutorMemory.From(ExecutorMemory.Effective(env, new[] { change }.Pairs()));
        return after.TotalBytes < before.TotalBytes;
    }

    private static List<ConfigChange> RaiseHeap(List<ConfigChange> list, SparkEnvironment env, ExecutorMemory proposed, long targetTotal)
    {
        if (targetTotal <= proposed.TotalBytes)
        {
            return list;
        }

        // Round up to whole MiB: Spark reads executor memory in MiB.
        var heap = proposed.HeapBytes + (targetTotal - proposed.TotalBytes);
        heap = (heap + ByteSize.MiB - 1) / ByteSize.MiB * ByteSize.MiB;
        var text = new ByteSize(heap).ToSparkString();
        var existing = list.FirstOrDefault(c => c.Key == ExecutorMemory.Heap);
        var evidence = list.Where(c => ExecutorMemory.IsMemoryKey(c.Key)).SelectMany(c => c.FindingIds).Distinct(StringComparer.Ordinal).ToArray();
        var raised = existing is not null
            ? existing with { To = text, Reason = $"{existing.Reason}; held up by the memory ratchet" }
            : new ConfigChange(ExecutorMemory.Heap, env.Get(ExecutorMemory.Heap), text, "held up by the memory ratchet") { FindingIds = evidence };
        list.RemoveAll(c => c.Key == ExecutorMemory.Heap);
        list.Add(raised);
        return list;
    }

    private static int? ProposedCores(IEnumerable<ConfigChange> changes, SparkEnvironment env) =>
        int.TryParse(changes.LastOrDefault(c => c.Key == "spark.executor.cores")?.To ?? env.Get("spark.executor.cores"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
