using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation.Calibration;

/// <summary>
/// One past run of a recurring app: its configuration, input size, observed duration, and what the simulator had
/// predicted for it (the replay of an earlier run at this run's configuration, or for a first run its own baseline replay).
/// </summary>
public sealed record RunHistoryEntry(
    string AppKey,
    int Executors,
    int CoresPerExecutor,
    ByteSize ExecutorMemory,
    int? ShufflePartitions,
    long InputBytes,
    long ObservedMs,
    long SimulatedMs)
{
    /// <summary>Task slots (Ernest's "machines").</summary>
    public int Slots => Math.Max(1, Executors * CoresPerExecutor);

    /// <summary>Builds an entry from a run read from its event log and the simulator's prediction for it.</summary>
    public static RunHistoryEntry FromRun(string appKey, SparkRun run, long simulatedMs)
    {
        ArgumentNullException.ThrowIfNull(run);
        var config = SimulationConfig.FromRun(run);
        return new RunHistoryEntry(appKey, config.Executors, config.CoresPerExecutor, config.ExecutorMemory, config.ShufflePartitions,
            run.Totals.InputBytes > 0 ? run.Totals.InputBytes : run.Totals.ShuffleReadBytes, run.Application.DurationMs ?? run.Application.ObservedSpanMs ?? 0, simulatedMs);
    }
}
