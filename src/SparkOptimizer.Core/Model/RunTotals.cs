namespace SparkOptimizer.Model;

/// <summary>
/// Totals over the whole log, with the definitions of the JSON contract: jobs = job starts, stages = stage
/// completions (each attempt), tasks = task ends, byte and time totals summed over task-end metrics.
/// </summary>
public sealed record RunTotals(
    int Jobs,
    int Stages,
    int FailedStages,
    long Tasks,
    long FailedTasks,
    long ExecutorRunTimeMs,
    long ExecutorCpuTimeMs,
    long GcTimeMs,
    long ShuffleReadBytes,
    long ShuffleWriteBytes,
    long MemorySpilledBytes,
    long DiskSpilledBytes,
    long InputBytes,
    long OutputBytes,
    int ExecutorsAdded,
    int ExecutorsRemoved,
    int SqlExecutions,
    long TaskDurationMs);
