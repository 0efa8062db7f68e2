using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Following;

/// <summary>What a follower knows after a poll that found new events: the run so far and how much was new.</summary>
public sealed record FollowUpdate(SparkRun Run, long NewEvents, long TotalEvents, bool ApplicationEnded);
