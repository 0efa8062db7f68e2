namespace SparkOptimizer.Operator.Entities.Optimization;

public static class Modes
{
    public const string PullRequest = "pullRequest";
    public const string ReportOnly = "reportOnly";
}
