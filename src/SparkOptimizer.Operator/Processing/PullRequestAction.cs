namespace SparkOptimizer.Operator.Processing;

public enum PullRequestAction
{
    None,
    Opened,
    Updated,
}
