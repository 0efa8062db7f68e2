namespace SparkOptimizer.Operator.Entities.Optimization;

public static class TrustLevels
{
    public const string Observe = "observe";
    public const string Recommend = "recommend";
    public const string PullRequest = "pullRequest";
    public const string AutoMerge = "autoMerge";
}
