using SparkOptimizer.Trust;

namespace SparkOptimizer.History;

/// <summary>
/// What the trust rails read from a run across restarts: its memory peak (event log or pod working set, the larger), how it
/// failed, and which merged change (proposal fingerprint) it ran under; null <paramref name="ChangeId"/> is no change of ours.
/// </summary>
public sealed record RunOutcome(long PeakMemoryBytes, RunFailureClass Failure, bool MemoryFailure, bool Succeeded, string? ChangeId)
{
    public static RunOutcome From(CohortRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunOutcome(run.PeakMemoryBytes, run.Failure, run.MemoryFailure, run.Succeeded, run.ChangeId);
    }
}
