namespace SparkOptimizer.Operator.Processing;

/// <summary>The cohort the run joined, for status: its state, the runs used, its memory peak and its noise.</summary>
public sealed record CohortSummary(string Name, string State, int RunsUsed, int Runs, long PeakMemoryBytes, double? Noise);
