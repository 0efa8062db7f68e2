namespace SparkOptimizer.Analysis.Events;

/// <summary>
/// Why an executor left, read from its removal reason: a release the driver asked for (dynamic allocation, idle timeout,
/// decommission, an explicit termination request) is not a loss; a heartbeat timeout, a container kill, an OOM, a
/// preemption or a lost node is.
/// </summary>
public sealed record ExecutorRemoval(bool IsLoss, FailureKind Cause, int? ExitCode, string Meaning);
