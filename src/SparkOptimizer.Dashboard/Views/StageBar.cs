namespace SparkOptimizer.Dashboard.Views;

/// <summary>One stage attempt on the timeline: offsets from the run start, and whether it lies on the critical path.</summary>
public sealed record StageBar(string Key, int StageId, int AttemptId, string Name, long StartMs, long EndMs, int Tasks, string Status, bool Critical);
