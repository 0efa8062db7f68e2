using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>
/// Task durations of one stage under a configuration, from its observed durations: per-core speed, GC share against
/// heap pressure, spill time against execution memory per task, and task count against shuffle partitions.
/// At the observed configuration the observed durations come back unchanged.
/// </summary>
internal static class TaskDurationModel
{
    public static long[] Durations(ReplayStage stage, SimulationConfig observed, SimulationConfig target, ModelPerturbation p)
    {
        var durations = stage.Durations;
        if (durations.Length == 0)
        {
            return durations;
        }

        var tasks = stage.Stage.Tasks;
        var factor = SpeedFactor(observed, target, p) * GcFactor(tasks, observed, target, p) * SpillFactor(tasks, observed, target, p);
        var repartition = RepartitionTarget(stage, observed, target);
        if (repartition is { } n)
        {
            durations = Repartition(durations, n);
        }

        if (Math.Abs(factor - 1) < 1e-9)
        {
            return durations;
        }

        var result = new long[durations.Length];
        for (var i = 0; i < durations.Length; i++)
        {
            result[i] = (long)Math.Round(durations[i] * factor);
        }

        return result;
    }

    private static double SpeedFactor(SimulationConfig observed, SimulationConfig target, ModelPerturbation p)
    {
        var ratio = observed.SpeedFactor / Math.Max(1e-6, target.SpeedFactor);
        return Math.Abs(ratio - 1) < 1e-9 ? 1 : Math.Pow(ratio, p.Speed);
    }

    /// <summary>GC time grows with live data per unit of heap: its share scales with the pressure ratio.</summary>
    internal static double GcFactor(TaskStatistics tasks, SimulationConfig observed, SimulationConfig target, ModelPerturbation p)
    {
        var oldPerTask = observed.MemoryPerTaskBytes;
        var newPerTask = target.MemoryPerTaskBytes;
        if (oldPerTask <= 0 || newPerTask <= 0 || Math.Abs(oldPerTask - newPerTask) < 1)
        {
            return 1;
        }

        var run = tasks.RunTimeMs.Sum;
        var share = run > 0 ? Math.Clamp(tasks.GcTimeMs.Sum / (double)run, 0, SimulationDefaults.MaxGcShare) : 0;
        if (share <= 0)
        {
            return 1;
        }

        var pressure = oldPerTask / newPerTask;
        var newShare = Math.Min(SimulationDefaults.MaxGcShare, share * Math.Pow(pressure, p.Gc));
        return 1 - share + newShare;
    }

    /// <summary>Spill time follows the bytes that do not fit in execution memory per task (estimated from the stage's quantiles).</summary>
    internal static double SpillFactor(TaskStatistics tasks, SimulationConfig observed, SimulationConfig target, ModelPerturbation p)
    {
        var oldPerTask = observed.MemoryPerTaskBytes;
        var newPerTask = target.MemoryPerTaskBytes;
        var total = tasks.DurationMs.Sum;
        if (total <= 0 || oldPerTask <= 0 || Math.Abs(oldPerTask - newPerTask) < 1)
        {
            return 1;
        }

        var before = Overflow(tasks, oldPerTask);
        var after = Overflow(tasks, newPerTask);
        if (Math.Abs(after - before) < 1)
        {
            return 1;
        }

        // Disk bytes per in-memory byte spilled, as the stage itself showed (serialised and compressed), else a half.
        var ratio = tasks.MemorySpilledBytes.Sum > 0 ? tasks.DiskSpilledBytes.Sum / (double)tasks.MemorySpilledBytes.Sum : 0.5;
        var observedSpill = tasks.DiskSpilledBytes.Sum > 0 ? tasks.DiskSpilledBytes.Sum : before * ratio;
        var observedMs = Math.Min(2 * observedSpill / (SimulationDefaults.SpillBytesPerMs / p.Spill), total * SimulationDefaults.MaxSpillShare);
        var newSpillMs = before > 0 ? observedMs * after / before : 2 * after * ratio / (SimulationDefaults.SpillBytesPerMs / p.Spill);
        return Math.Max(0.2, (total - observedMs + newSpillMs) / total);
    }

    /// <summary>Bytes over the limit, summed over the stage's tasks, with each task needing its peak execution memory plus what it spilled.</summary>
    private static double Overflow(TaskStatistics tasks, double limit)
    {
        var peak = tasks.PeakExecutionMemoryBytes;
        var spill = tasks.MemorySpilledBytes;
        (double Weight, long Peak, long Spill)[] buckets =
        [
            (0.25, peak.P25, spill.P25), (0.25, peak.P50, spill.P50), (0.25, peak.P75, spill.P75), (0.15, peak.P90, spill.P90),
            (0.05, peak.P95, spill.P95), (0.04, peak.P99, spill.P99), (0.01, peak.Max, spill.Max),
        ];
        var count = Math.Max(peak.Count, spill.Count);
        var sum = 0.0;
        foreach (var (w, pk, sp) in buckets)
        {
            sum += w * Math.Max(0, pk + sp - limit);
        }

        return sum * count;
    }

    /// <summary>
    /// A stage the caller named gets its count; otherwise stages whose task count is the observed shuffle-partition setting and
    /// that read shuffle data get the new setting.
    /// </summary>
    private static int? RepartitionTarget(ReplayStage stage, SimulationConfig observed, SimulationConfig target)
    {
        if (target.StagePartitions.TryGetValue(stage.Stage.StageId, out var named))
        {
            return named > 0 && named != stage.Stage.NumTasks ? named : null;
        }

        if (target.ShufflePartitions is not { } n || observed.ShufflePartitions is not { } old || n == old || n <= 0)
        {
            return null;
        }

        var s = stage.Stage;
        if (s.Tasks.ShuffleReadBytes.Sum <= 0 || s.NumTasks > old)
        {
            return null;
        }

        if (!observed.AdaptiveCoalescing)
        {
            return s.NumTasks == old ? n : null;
        }

        // AQE coalesces to the advisory size: a stage that kept all its partitions was big enough not to coalesce and
        // moves to min(new setting, data / advisory size); a coalesced stage changes only if the new setting caps it.
        var bySize = (int)Math.Max(1, Math.Ceiling(s.Tasks.ShuffleReadBytes.Sum / (double)Math.Max(1, observed.AdvisoryPartitionBytes)));
        var next = s.NumTasks == old ? Math.Min(n, Math.Max(bySize, Math.Min(n, old))) : Math.Min(n, s.NumTasks);
        return next != s.NumTasks ? next : null;
    }

    /// <summary>
    /// Spreads the stage's data over <paramref name="count"/> tasks: per-task overhead stays, the data part of normal tasks
    /// rescales, and skewed tasks (hot keys) keep their size when partitions grow, absorbing their share when they shrink.
    /// </summary>
    internal static long[] Repartition(long[] sorted, int count)
    {
        var n = sorted.Length;
        var median = sorted[n / 2];
        var overhead = Math.Min(SimulationDefaults.TaskOverheadMs, sorted[0]);
        var skewCut = Math.Max(median * SimulationDefaults.SkewRatio, median + 1);
        var hot = sorted.Where(d => d > skewCut).ToArray();
        var normal = sorted.Where(d => d <= skewCut).ToArray();
        var keepHot = Math.Min(hot.Length, count);
        var normalCount = Math.Max(0, count - keepHot);
        var result = new long[count];
        var scale = n / (double)count;
        var normalData = normal.Sum(d => (double)(d - overhead)) + hot.Take(hot.Length - keepHot).Sum(d => (double)(d - overhead));
        var perNormalScale = normal.Length > 0 && normalCount > 0 ? normalData / normal.Sum(d => (double)Math.Max(1, d - overhead)) * normal.Length / normalCount : 0;
        for (var i = 0; i < normalCount; i++)
        {
            var source = normal.Length > 0 ? normal[(int)((long)i * normal.Length / normalCount)] : median;
            result[i] = overhead + (long)Math.Round(Math.Max(1, source - overhead) * perNormalScale);
        }

        for (var i = 0; i < keepHot; i++)
        {
            var h = hot[hot.Length - keepHot + i];
            var absorbed = scale > 1 ? (scale - 1) * Math.Max(0, median - overhead) : 0;
            result[normalCount + i] = h + (long)Math.Round(absorbed);
        }

        if (normalCount == 0 && keepHot == 0)
        {
            return result;
        }

        Array.Sort(result);
        return result;
    }
}
