namespace SparkOptimizer.Simulation;

/// <summary>One job prepared for replay: its stages and the jobs that had finished before it was submitted.</summary>
internal sealed class ReplayJob(int jobId, long submit, long end)
{
    public int JobId { get; } = jobId;

    /// <summary>Observed submission and completion, relative to the application start.</summary>
    public long ObservedSubmit { get; } = submit;

    public long ObservedEnd { get; set; } = end;

    public List<int> Stages { get; } = [];

    /// <summary>Driver time between the last stage's completion and the job's end.</summary>
    public long TailMs { get; set; }

    /// <summary>How many jobs (in order of observed end) had finished when this one was submitted: it waits for them.</summary>
    public int Predecessors { get; set; }
}
