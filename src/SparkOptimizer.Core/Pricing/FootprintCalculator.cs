using SparkOptimizer.Model;

namespace SparkOptimizer.Pricing;

/// <summary>Computes a <see cref="RunFootprint"/>: executor lifetimes clamped to the application, and idle time by cause.</summary>
internal static class FootprintCalculator
{
    private const double MsPerHour = 3_600_000.0;

    public static RunFootprint Compute(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var env = run.Environment;
        var start = run.Application.StartTime?.ToUnixTimeMilliseconds() ?? 0;
        var end = start + (run.Application.ObservedSpanMs ?? 0);
        var local = env.Get("spark.master") is { } master
            ? master.StartsWith("local", StringComparison.OrdinalIgnoreCase) && !master.StartsWith("local-cluster", StringComparison.OrdinalIgnoreCase)
            : !run.WorkerExecutors.Any();
        var memory = ExecutorMemoryRequest(env, local, PlatformDefaults.ExecutorMemoryBytes(run));
        var lives = Lifetimes(run, start, end, local);
        var peakUsed = PeakMemoryUsed(run, local);
        var jobs = JobIntervals(run, start, end);

        double executorHours = 0, coreHours = 0, gibHours = 0, driverOnly = 0, unusedGiB = 0;
        foreach (var (from, to, cores, used) in lives)
        {
            var hours = (to - from) / MsPerHour;
            executorHours += hours;
            coreHours += hours * cores;
            gibHours += hours * memory.TotalGiB;
            driverOnly += cores * (to - from - Overlap(jobs, from, to)) / MsPerHour;
            if (used is { } u)
            {
                unusedGiB += hours * Math.Max(0, memory.TotalGiB - (u / (double)ByteSize.GiB));
            }
        }

        var taskCoreHours = Math.Min(coreHours, run.Stages.Sum(s => s.Tasks.DurationMs.Sum) / MsPerHour);
        var commonCores = lives.Count > 0 ? lives.GroupBy(l => l.Cores).OrderByDescending(g => g.Count()).First().Key : 1;
        var skew = Math.Min(SkewTail(run, lives), Math.Max(0, coreHours - taskCoreHours - driverOnly));
        var (failedStages, failedTasks) = FailedAttempts(run);
        var footprint = new RunFootprint(
            (end - start) / MsPerHour,
            jobs.Sum(j => j.End - j.Start) / MsPerHour,
            PeakConcurrent(lives),
            commonCores,
            memory,
            peakUsed is { } p ? new ByteSize(p) : null,
            env.GetInt("spark.driver.cores") ?? 1,
            DriverMemoryRequest(env),
            executorHours,
            coreHours,
            gibHours,
            taskCoreHours,
            driverOnly,
            skew,
            peakUsed is null ? null : unusedGiB,
            run.Totals.ShuffleWriteBytes,
            run.Stages.Select(s => s.DurationMs ?? 0).DefaultIfEmpty(0).Max(),
            run.WorkerExecutors.Count(e => e.RemovedAt is not null && IsLoss(e.RemovedReason)),
            local);
        return footprint with
        {
            FailedStageCoreHours = Math.Min(failedStages, taskCoreHours),
            FailedTaskCoreHours = Math.Min(failedTasks, Math.Max(0, coreHours - taskCoreHours - driverOnly - skew)),
        };
    }

    /// <summary>
    /// Core-hours of thrown-away work: the tasks of failed stage attempts, and failed or killed task attempts (the log keeps
    /// no durations for them: each is taken at its stage's median task time, or the stage's wall time where none succeeded).
    /// </summary>
    private static (double FailedStages, double FailedTasks) FailedAttempts(SparkRun run)
    {
        double stages = 0, tasks = 0;
        foreach (var s in run.Stages)
        {
            if (s.Status == StageStatus.Failed)
            {
                stages += s.Tasks.DurationMs.Sum / MsPerHour;
            }

            var lost = s.Tasks.FailedCount + s.Tasks.KilledCount;
            if (lost > 0)
            {
                var each = s.Tasks.DurationMs.Count > 0 ? s.Tasks.DurationMs.P50 : s.DurationMs ?? 0;
                tasks += lost * (double)each / MsPerHour;
            }
        }

        return (stages, tasks);
    }

    /// <summary>The executor container's memory by the one container memory model (heap + overhead + PySpark + off-heap); the heap as configured or the platform's default.</summary>
    internal static ByteSize ExecutorMemoryRequest(SparkEnvironment env, bool local, long? configuredHeap = null)
    {
        if (local)
        {
            return DriverMemoryRequest(env);
        }

        return new ByteSize(ExecutorMemory.ForHeap(env.Get, configuredHeap ?? ExecutorMemory.From(env.Get).HeapBytes).TotalBytes);
    }

    internal static ByteSize DriverMemoryRequest(SparkEnvironment env) => new(ExecutorMemory.From(env.Get, "driver").TotalBytes);

    internal static bool IsLoss(string? reason) =>
        !string.IsNullOrWhiteSpace(reason)
        && !new[] { "explicit termination", "killed by driver", "decommission", "idle", "requested by driver" }.Any(o => reason.Contains(o, StringComparison.OrdinalIgnoreCase));

    private static List<(long From, long To, int Cores, long? Used)> Lifetimes(SparkRun run, long start, long end, bool local)
    {
        var result = new List<(long, long, int, long?)>();
        if (!local)
        {
            var defaultCores = PlatformDefaults.ExecutorCores(run) ?? 1;
            foreach (var e in run.WorkerExecutors)
            {
                var from = e.AddedAt?.ToUnixTimeMilliseconds() ?? start;
                var to = e.RemovedAt?.ToUnixTimeMilliseconds() ?? end;
                if (from >= end || to <= start)
                {
                    // A clock that disagrees with the driver's (edited or merged logs): count the executor for the whole run.
                    (from, to) = (start, end);
                }

                from = Math.Clamp(from, start, end);
                to = Math.Clamp(to, from, end);
                result.Add((from, to, e.Cores > 0 ? e.Cores : defaultCores, MemoryUsed(e)));
            }
        }

        if (result.Count == 0)
        {
            result.Add((start, end, LocalCores(run), run.Driver is { } d ? MemoryUsed(d) : null));
        }

        return result;
    }

    private static int LocalCores(SparkRun run)
    {
        var master = run.Environment.Get("spark.master") ?? string.Empty;
        var open = master.IndexOf('[', StringComparison.Ordinal);
        var close = master.IndexOf(']', StringComparison.Ordinal);
        if (open >= 0 && close > open && int.TryParse(master[(open + 1)..close].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        return Math.Max(1, Math.Max(run.Driver?.Cores ?? 0, run.Environment.GetInt("spark.driver.cores") ?? 1));
    }

    private static long? MemoryUsed(ExecutorInfo e)
    {
        var p = e.Peaks;
        if (p.JvmRss is { } rss && rss > 0)
        {
            return rss + (p.PythonRss ?? 0) + (p.OtherRss ?? 0);
        }

        return p.JvmHeap is { } heap && heap > 0 ? heap + (p.JvmOffHeap ?? 0) : null;
    }

    private static long? PeakMemoryUsed(SparkRun run, bool local)
    {
        var used = (local ? run.Executors : run.WorkerExecutors).Select(MemoryUsed).Where(u => u is not null).Select(u => u!.Value).ToArray();
        return used.Length > 0 ? used.Max() : null;
    }

    /// <summary>Job intervals merged into disjoint spans: time outside them is driver-only time.</summary>
    private static List<(long Start, long End)> JobIntervals(SparkRun run, long start, long end)
    {
        var spans = run.Jobs.Where(j => j.SubmissionTime is not null)
            .Select(j => (S: Math.Clamp(j.SubmissionTime!.Value.ToUnixTimeMilliseconds(), start, end), E: Math.Clamp(j.CompletionTime?.ToUnixTimeMilliseconds() ?? end, start, end)))
            .Where(x => x.E > x.S).OrderBy(x => x.S).ToList();
        var merged = new List<(long Start, long End)>();
        foreach (var (s, e) in spans)
        {
            if (merged.Count > 0 && s <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, e));
            }
            else
            {
                merged.Add((s, e));
            }
        }

        return merged;
    }

    private static long Overlap(List<(long Start, long End)> spans, long from, long to) =>
        spans.Sum(s => Math.Max(0, Math.Min(s.End, to) - Math.Max(s.Start, from)));

    /// <summary>Idle core time while a stage waits on its slowest tasks: (max - median) on every other core, at most the stage's idle time.</summary>
    private static double SkewTail(SparkRun run, List<(long From, long To, int Cores, long? Used)> lives)
    {
        double total = 0;
        foreach (var s in run.CompletedStages)
        {
            var d = s.Tasks.DurationMs;
            if (d.Count < 2 || d.Max < PricingDefaults.SkewTailRatio * Math.Max(1, d.P50) || s.SubmissionTime is null || s.CompletionTime is null)
            {
                continue;
            }

            var from = s.SubmissionTime.Value.ToUnixTimeMilliseconds();
            var to = s.CompletionTime.Value.ToUnixTimeMilliseconds();
            var cores = lives.Where(l => l.From < to && l.To > from).Sum(l => l.Cores);
            if (cores <= 1 || d.Count < cores)
            {
                continue;
            }

            var idle = Math.Max(0, ((to - from) * (double)cores) - d.Sum);
            total += Math.Min(idle, (d.Max - d.P50) * (double)(cores - 1));
        }

        return total / MsPerHour;
    }

    private static int PeakConcurrent(List<(long From, long To, int Cores, long? Used)> lives)
    {
        var peak = 0;
        var live = 0;
        foreach (var (_, delta) in lives.SelectMany(l => new[] { (T: l.From, D: 1), (T: l.To, D: -1) }).OrderBy(x => x.T).ThenBy(x => x.D))
        {
            live += delta;
            peak = Math.Max(peak, live);
        }

        return peak;
    }
}
