namespace SparkOptimizer.Operator.Controllers;

/// <summary>Reasons of the Kubernetes Events the operator records on Spark applications and SparkOptimizations, and of their conditions (all in one place).</summary>
public static class EventReasons
{
    public const string OptimizationCreated = "OptimizationCreated";
    public const string RunAnalyzed = "RunAnalyzed";
    public const string AnalysisFailed = "AnalysisFailed";
    public const string EventLogNotFound = "EventLogNotFound";
    public const string InfrastructureFailure = "InfrastructureFailure";
    public const string PullRequestOpened = "PullRequestOpened";
    public const string PullRequestUpdated = "PullRequestUpdated";
}
