namespace SparkOptimizer.Operator.Watching;

/// <summary>
/// Not a failure: the reconcile is waiting for something outside the cluster (a run's event log) and asks to run again after
/// <see cref="Delay"/>. The work queue requeues the key then, without counting a reconcile error.
/// </summary>
public sealed class RequeueException(TimeSpan delay, string reason) : Exception(reason)
{
    public TimeSpan Delay { get; } = delay;

    /// <summary>The earliest of several requeues (a schedule's runs), or null for none.</summary>
    public static RequeueException? Earliest(IEnumerable<RequeueException> requeues) => requeues.MinBy(r => r.Delay);
}
