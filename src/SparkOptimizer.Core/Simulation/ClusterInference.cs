using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>Reads the cluster's shape from a run: local or not, cores per executor, peak executor count.</summary>
internal static class ClusterInference
{
    public static bool IsLocal(SparkRun run)
    {
        var master = run.Environment.Get("spark.master");
        if (master is not null)
        {
            // local-cluster[n,c,m] runs real executor processes; only local[...] runs tasks in the driver.
            return master.StartsWith("local", StringComparison.OrdinalIgnoreCase) && !master.StartsWith("local-cluster", StringComparison.OrdinalIgnoreCase);
        }

        return !run.WorkerExecutors.Any();
    }

    public static int CoresPerExecutor(SparkRun run)
    {
        if (IsLocal(run))
        {
            return LocalCores(run);
        }

        var cores = run.WorkerExecutors.Where(e => e.Cores > 0).Select(e => e.Cores).ToArray();
        if (cores.Length > 0)
        {
            // The most common size: heterogeneous pools are rare and the timeline keeps each executor's own cores anyway.
            return cores.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        }

        // No executor event says its cores: spread the parallelism the stages showed over the executors seen.
        var workers = Math.Max(1, run.WorkerExecutors.Count());
        return PlatformDefaults.ExecutorCores(run) ?? Math.Max(1, (int)Math.Ceiling(InferredParallelism(run) / (double)workers));
    }

    /// <summary>Most executors alive at once (the log's timeline), else spark.executor.instances.</summary>
    public static int PeakExecutors(SparkRun run)
    {
        var events = new List<(long T, int D)>();
        foreach (var e in run.WorkerExecutors)
        {
            events.Add((e.AddedAt?.ToUnixTimeMilliseconds() ?? long.MinValue, 1));
            if (e.RemovedAt is { } r)
            {
                events.Add((r.ToUnixTimeMilliseconds(), -1));
            }
        }

        var peak = 0;
        var live = 0;
        foreach (var (_, d) in events.OrderBy(x => x.T).ThenBy(x => x.D))
        {
            live += d;
            peak = Math.Max(peak, live);
        }

        return peak > 0 ? peak : run.Environment.GetInt("spark.executor.instances") ?? 1;
    }

    private static int LocalCores(SparkRun run)
    {
        var master = run.Environment.Get("spark.master") ?? "local[*]";
        var open = master.IndexOf('[', StringComparison.Ordinal);
        var close = master.IndexOf(']', StringComparison.Ordinal);
        if (open < 0)
        {
            return master.Equals("local", StringComparison.OrdinalIgnoreCase) ? 1 : InferredParallelism(run);
        }

        var inside = close > open ? master[(open + 1)..close].Split(',')[0].Trim() : "*";
        return int.TryParse(inside, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Math.Max(run.Driver?.Cores ?? 0, InferredParallelism(run));
    }

    /// <summary>
    /// Lower bound on the slots that must have existed: the most task time any stage packed into its own window.
    /// Used only where the log never says how many cores ran tasks (local[*]).
    /// </summary>
    public static int InferredParallelism(SparkRun run)
    {
        var best = 1;
        foreach (var s in run.Stages)
        {
            if (s.Tasks.FirstLaunchMs is { } first && s.Tasks.LastFinishMs is { } last && last > first)
            {
                var p = (int)Math.Ceiling(s.Tasks.DurationMs.Sum / (double)(last - first) - 0.05);
                best = Math.Max(best, Math.Min(p, s.Tasks.TaskCount));
            }
        }

        return best;
    }
}
