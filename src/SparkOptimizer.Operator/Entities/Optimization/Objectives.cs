namespace SparkOptimizer.Operator.Entities.Optimization;

public static class Objectives
{
    public const string Cost = "cost";
    public const string Runtime = "runtime";
    public const string Balanced = "balanced";
}
