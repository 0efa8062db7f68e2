namespace SparkOptimizer.Recommendation;

/// <summary>The sizer's answer: current and proposed shapes, the floors it held, and why each value moved.</summary>
public sealed record ExecutorSizing(ExecutorShape Current, ExecutorShape Proposed, long HeapFloorBytes, long ContainerFloorBytes, IReadOnlyList<string> Notes)
{
    public bool Changed => Current != Proposed;
}
