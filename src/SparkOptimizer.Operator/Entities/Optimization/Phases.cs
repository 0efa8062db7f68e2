namespace SparkOptimizer.Operator.Entities.Optimization;

/// <summary>status.phase of a SparkOptimization.</summary>
public static class Phases
{
    /// <summary>Created; no finished run analysed yet.</summary>
    public const string Pending = "Pending";

    /// <summary>The last run was analysed.</summary>
    public const string Analyzed = "Analyzed";

    /// <summary>The last run failed for infrastructure reasons; nothing was tuned from it.</summary>
    public const string InfrastructureFailure = "InfrastructureFailure";

    /// <summary>The last analysis failed.</summary>
    public const string Error = "Error";
}
