namespace SparkOptimizer.Simulation;

/// <summary>
/// An executor's life on the replay clock (milliseconds from application start). <see cref="Lost"/> marks an executor
/// that died (failed container, lost worker) rather than one released when idle: tasks running on it at that moment fail.
/// </summary>
internal readonly record struct ExecutorSpan(long AddedMs, long RemovedMs, int Cores, bool Lost = false)
{
    private static readonly string[] OrderlyRemovals = ["explicit termination", "killed by driver", "decommission", "idle", "requested by driver"];

    /// <summary>True when a removal reason says the executor failed rather than being released.</summary>
    public static bool IsLoss(string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && !OrderlyRemovals.Any(o => reason.Contains(o, StringComparison.OrdinalIgnoreCase));
}
