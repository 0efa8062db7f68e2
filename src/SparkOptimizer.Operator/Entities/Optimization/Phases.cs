namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>status.phase of a SparkOptimization.</summary>
public static class Phases
{
    /// <summary>Created, no finished run analysed yet; or waiting for a run's event log (condition Analyzed reason EventLogNotFound).</summary>
    public const string Pending = "Pending";

    /// <summary>The last run was analysed.</summary>
    public const string Analyzed = "Analyzed";

    /// <summary>The last run failed for infrastructure reasons; nothing was tuned from it.</summary>
    public const string InfrastructureFailure = "InfrastructureFailure";

    /// <summary>The last analysis failed, or its event log was not found within the wait window.</summary>
    public const string Error = "Error";
}
