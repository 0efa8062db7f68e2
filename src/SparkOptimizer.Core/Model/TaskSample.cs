namespace SparkOptimizer.Model;

/// <summary>One notable task kept as evidence (the slowest, or the one that read the most).</summary>
public sealed record TaskSample(long TaskId, int Index, int Attempt, string? ExecutorId, string? Host, long LaunchTimeMs, long DurationMs, long ShuffleReadBytes, long InputBytes, long SpillBytes, bool Speculative);
