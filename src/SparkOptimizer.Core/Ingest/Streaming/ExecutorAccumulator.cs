using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Lifetime and work of one executor, accumulated from executor, block-manager and task events.</summary>
internal sealed class ExecutorAccumulator(string id)
{
    private readonly Dictionary<string, long> _peaks = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string? Host { get; set; }

    public int Cores { get; set; }

    public long AddedAt { get; set; }

    public long RemovedAt { get; set; }

    public string? RemovedReason { get; set; }

    public long? MaxMemory { get; set; }

    public long? MaxOnHeap { get; set; }

    public long? MaxOffHeap { get; set; }

    public int Tasks { get; private set; }

    public int FailedTasks { get; private set; }

    public long TaskTime { get; private set; }

    public long RunTime { get; private set; }

    public long GcTime { get; private set; }

    public long ShuffleRead { get; private set; }

    public long ShuffleWrite { get; private set; }

    public long Input { get; private set; }

    public long FirstTaskLaunch { get; private set; } = long.MaxValue;

    public long LastTaskFinish { get; private set; }

    public void AddTask(in TaskEndRecord t)
    {
        Tasks++;
        if (!t.Succeeded)
        {
            FailedTasks++;
        }

        TaskTime = InputBounds.SaturatingAdd(TaskTime, t.Duration);
        RunTime = InputBounds.SaturatingAdd(RunTime, t.RunTime);
        GcTime = InputBounds.SaturatingAdd(GcTime, t.GcTime);
        ShuffleRead = InputBounds.SaturatingAdd(ShuffleRead, t.ShuffleReadBytes);
        ShuffleWrite = InputBounds.SaturatingAdd(ShuffleWrite, t.ShuffleBytesWritten);
        Input = InputBounds.SaturatingAdd(Input, t.InputBytes);
        if (t.LaunchTime > 0 && t.LaunchTime < FirstTaskLaunch)
        {
            FirstTaskLaunch = t.LaunchTime;
        }

        if (t.FinishTime > LastTaskFinish)
        {
            LastTaskFinish = t.FinishTime;
        }

        Host ??= t.Host;
    }

    public void AddPeak(string metric, long value)
    {
        if (value > _peaks.GetValueOrDefault(metric))
        {
            _peaks[metric] = value;
        }
    }

    public ExecutorInfo Build() => new(
        Id, Host, Cores, JsonRead.Time(AddedAt), JsonRead.Time(RemovedAt), RemovedReason, MaxMemory, MaxOnHeap, MaxOffHeap,
        Tasks, FailedTasks, TaskTime, RunTime, GcTime, ShuffleRead, ShuffleWrite, Input, MetricPeaks.From(_peaks))
    {
        LastTaskFinish = JsonRead.Time(LastTaskFinish),
    };
}
