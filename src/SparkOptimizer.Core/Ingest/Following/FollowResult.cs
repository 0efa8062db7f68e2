using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Following;

/// <summary>The end of following: the last run read (null when no event ever arrived) and why it stopped.</summary>
public sealed record FollowResult(SparkRun? Run, FollowOutcome Outcome, int Updates);
