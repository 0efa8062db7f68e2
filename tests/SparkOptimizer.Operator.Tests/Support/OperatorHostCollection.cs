namespace SparkOptimizer.Tests.Support;

/// <summary>Tests that start the operator's real host share process-wide state (the metrics registry): run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OperatorHostCollection
{
    public const string Name = "operator host";
}
