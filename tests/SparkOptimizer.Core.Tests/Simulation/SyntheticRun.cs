using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Simulation;

/// <summary>Builds small, exact runs for replay tests: times in ms from application start.</summary>
internal sealed class SyntheticRun
{
    private const long Epoch = 1_700_000_000_000;
    private readonly List<JobInfo> _jobs = [];
    private readonly List<StageInfo> _stages = [];
    private readonly List<ExecutorInfo> _executors = [];
    private VendorInfo _vendor = VendorInfo.Unknown;
    private readonly Dictionary<string, string> _props = new() { ["spark.master"] = "k8s://https://kube", ["spark.executor.memory"] = "4g" };

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(Epoch + ms);

    public static Distribution Dist(IReadOnlyList<long> values)
    {
        if (values.Count == 0)
        {
            return Distribution.Empty;
        }

        var s = values.Order().ToArray();
        long Q(double q) => s[(int)Math.Round(q * (s.Length - 1), MidpointRounding.AwayFromZero)];
        return new Distribution(s.Length, s[0], Q(.25), Q(.5), Q(.75), Q(.9), Q(.95), Q(.99), s[^1], s.Sum(), true);
    }

    public SyntheticRun Conf(string key, string value)
    {
        _props[key] = value;
        return this;
    }

    public SyntheticRun Vendor(VendorInfo vendor)
    {
        _vendor = vendor;
        return this;
    }

    public SyntheticRun Executors(int count, int cores, long addedMs = 0, long? removedMs = null, long? peakRss = null, string? removedReason = null)
    {
        var peaks = peakRss is { } rss ? new MetricPeaks(new Dictionary<string, long> { ["ProcessTreeJVMRSSMemory"] = rss }) : MetricPeaks.None;
        for (var i = 0; i < count; i++)
        {
            _executors.Add(new ExecutorInfo((_executors.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "host", cores, At(addedMs), removedMs is { } r ? At(r) : null, removedReason,
                4L << 30, null, null, 0, 0, 0, 0, 0, 0, 0, 0, peaks));
        }

        return this;
    }

    public SyntheticRun Job(int id, long submit, long end, params int[] stages)
    {
        _jobs.Add(new JobInfo(id, At(submit), At(end), stages, true, null, null, null));
        return this;
    }

    public SyntheticRun Stage(int id, int job, long submit, long end, long[] durations, int[]? parents = null, StageLoad? load = null, int? numTasks = null)
    {
        var l = load ?? new StageLoad();
        var n = durations.Length;
        Distribution Each(long v) => v == 0 ? Dist(new long[n]) : Dist(Enumerable.Repeat(v, n).ToArray());
        var runTimes = durations.Select(d => Math.Max(0, d - 5)).ToArray();
        var tasks = TaskStatistics.Empty with
        {
            TaskCount = n,
            SucceededCount = n,
            FirstLaunchMs = Epoch + submit,
            LastFinishMs = Epoch + end,
            DurationMs = Dist(durations),
            RunTimeMs = Dist(runTimes),
            GcTimeMs = Dist(runTimes.Select(r => (long)(r * l.GcShare)).ToArray()),
            ShuffleReadBytes = Each(l.ShuffleReadPerTask),
            MemorySpilledBytes = Each(l.MemorySpillPerTask),
            DiskSpilledBytes = Each(l.DiskSpillPerTask),
            PeakExecutionMemoryBytes = Each(l.PeakMemoryPerTask),
            Durations = durations.Order().ToArray(),
            DurationsExact = true,
        };
        _stages.Add(new StageInfo(id, 0, $"stage {id}", null, numTasks ?? n, parents ?? [], [job], At(submit), At(end), StageStatus.Complete, null, null, [], tasks, MetricPeaks.None));
        return this;
    }

    public SparkRun Build(long appEnd) => new(
        new ApplicationInfo("app-1", null, "synthetic", "test", "3.5.0", At(0), At(appEnd), At(appEnd)),
        SparkEnvironment.Empty with { SparkProperties = new Dictionary<string, string>(_props) },
        [new ExecutorInfo("driver", "driver-host", 0, At(0), null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, MetricPeaks.None), .. _executors],
        _jobs.ToArray(),
        _stages.ToArray(),
        [],
        new RunTotals(_jobs.Count, _stages.Count, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        _vendor,
        [],
        new RunSource("synthetic", [], "none", 0, 0, 0, 0, ReadStatus.Ok));

    /// <summary>Per-task memory behaviour of a synthetic stage.</summary>
    internal sealed record StageLoad(double GcShare = 0, long ShuffleReadPerTask = 0, long MemorySpillPerTask = 0, long DiskSpillPerTask = 0, long PeakMemoryPerTask = 0);
}
