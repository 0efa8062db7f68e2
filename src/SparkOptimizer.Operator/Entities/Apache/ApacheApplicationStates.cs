namespace SparkOptimizer.Operator.Entities.Apache;

/// <summary>
/// ApplicationStateSummary values of spark.apache.org/v1 (the CRD's enum) and how the optimizer classifies them.
/// An attempt ends in an outcome state (the operator's "stopping" states); <c>ResourceReleased</c> and
/// <c>TerminatedWithoutReleaseResources</c> are the terminal states that follow it.
/// </summary>
public static class ApacheApplicationStates
{
    public const string Submitted = "Submitted";
    public const string ScheduledToRestart = "ScheduledToRestart";
    public const string DriverRequested = "DriverRequested";
    public const string DriverStarted = "DriverStarted";
    public const string DriverReady = "DriverReady";
    public const string InitializedBelowThresholdExecutors = "InitializedBelowThresholdExecutors";
    public const string RunningHealthy = "RunningHealthy";
    public const string RunningWithBelowThresholdExecutors = "RunningWithBelowThresholdExecutors";
    public const string RunningWithPartialCapacity = "RunningWithPartialCapacity";
    public const string DriverStartTimedOut = "DriverStartTimedOut";
    public const string ExecutorsStartTimedOut = "ExecutorsStartTimedOut";
    public const string DriverReadyTimedOut = "DriverReadyTimedOut";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string SchedulingFailure = "SchedulingFailure";
    public const string DriverEvicted = "DriverEvicted";
    public const string ResourceReleased = "ResourceReleased";
    public const string TerminatedWithoutReleaseResources = "TerminatedWithoutReleaseResources";

    /// <summary>Every state of the CRD's enum (a test reads the shared CRD and compares).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Submitted, ScheduledToRestart, DriverRequested, DriverStarted, DriverReady, InitializedBelowThresholdExecutors,
        RunningHealthy, RunningWithBelowThresholdExecutors, RunningWithPartialCapacity, DriverStartTimedOut,
        ExecutorsStartTimedOut, DriverReadyTimedOut, Succeeded, Failed, SchedulingFailure, DriverEvicted,
        ResourceReleased, TerminatedWithoutReleaseResources,
    ];

    private static readonly HashSet<string> Outcomes = new(StringComparer.Ordinal)
    {
        DriverStartTimedOut, ExecutorsStartTimedOut, DriverReadyTimedOut, Succeeded, Failed, SchedulingFailure, DriverEvicted,
    };

    private static readonly HashSet<string> InfrastructureFailures = new(StringComparer.Ordinal)
    {
        DriverStartTimedOut, ExecutorsStartTimedOut, SchedulingFailure,
    };

    public static bool IsTerminated(string? state) => state is ResourceReleased or TerminatedWithoutReleaseResources;

    /// <summary>A state that ends an attempt (Succeeded, Failed, timeouts, evictions, scheduling failures).</summary>
    public static bool IsOutcome(string? state) => state is not null && Outcomes.Contains(state);

    public static bool IsInfrastructureFailure(string? state) => state is not null && InfrastructureFailures.Contains(state);
}
