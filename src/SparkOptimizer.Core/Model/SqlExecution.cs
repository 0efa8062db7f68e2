namespace SparkOptimizer.Model;

/// <summary>A SQL/DataFrame query: its final physical plan (after AQE) and the jobs it ran.</summary>
public sealed record SqlExecution(
    long Id,
    string? Description,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    string? ErrorMessage,
    SqlPlanNode? Plan,
    string? PhysicalPlanDescription,
    IReadOnlyList<int> JobIds,
    int PlanUpdates)
{
    public long? DurationMs => StartTime is { } s && EndTime is { } e ? (long)(e - s).TotalMilliseconds : null;

    public IEnumerable<SqlPlanNode> Nodes => Plan is null ? [] : Plan.DescendantsAndSelf();
}
