namespace SparkOptimizer.History;

/// <summary>What makes a run unique in the history: a restart or a second replica recording it again keeps one row.</summary>
/// <param name="Attempt">The application attempt; empty when the log names none (a NULL would defeat the unique key).</param>
public sealed record RunKey(string Cohort, string AppId, string Attempt);
