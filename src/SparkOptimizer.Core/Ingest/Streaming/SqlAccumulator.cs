using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>A SQL execution while its events arrive; the plan is replaced by each adaptive update.</summary>
internal sealed class SqlAccumulator(long id)
{
    public long Id { get; } = id;

    public string? Description { get; set; }

    public long StartTime { get; set; }

    public long EndTime { get; set; }

    public string? ErrorMessage { get; set; }

    public PlanNodeDraft? Plan { get; set; }

    public string? PhysicalPlanDescription { get; set; }

    public List<int> JobIds { get; } = [];

    public int PlanUpdates { get; set; }
}
