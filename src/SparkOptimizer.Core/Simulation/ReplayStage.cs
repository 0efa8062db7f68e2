using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>One stage attempt prepared for replay: its place in its job's DAG and the driver-side delays the log shows.</summary>
internal sealed class ReplayStage(StageInfo stage, int job)
{
    public StageInfo Stage { get; } = stage;

    public int Job { get; } = job;

    public List<int> Parents { get; } = [];

    public List<int> Children { get; } = [];

    /// <summary>Observed submission and end, relative to the application start.</summary>
    public long ObservedSubmit { get; set; }

    public long ObservedEnd { get; set; }

    /// <summary>Driver time between the stage becoming runnable (parents done, or job submitted) and its submission.</summary>
    public long LagMs { get; set; }

    /// <summary>Observed time from submission to the first task's launch.</summary>
    public long ObservedLaunchDelayMs { get; set; }

    /// <summary>
    /// The part of the launch delay the replay's own queueing does not explain (task serialisation, broadcasts, executors
    /// the scheduler did not use): its tasks start no earlier than this after submission.
    /// </summary>
    public long LaunchDelayMs { get; set; }

    /// <summary>Driver time between the last task's end and the stage's completion.</summary>
    public long TailMs { get; set; }

    /// <summary>
    /// Observed task durations, ascending (exact, or quantile representatives expanded to the task count, in groups of
    /// similar tasks run back to back above <see cref="SimulationDefaults.MaxReplayTasksPerStage"/>); empty when no task succeeded.
    /// </summary>
    public long[] Durations { get; set; } = [];

    /// <summary>Successful tasks the stage ran (its durations may be fewer entries: grouped when the stage is very large).</summary>
    public int TaskCount { get; set; }

    public long ObservedMs => Math.Max(0, ObservedEnd - ObservedSubmit);
}
