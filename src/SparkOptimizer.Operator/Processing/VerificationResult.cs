namespace SparkOptimizer.Operator.Processing;

/// <summary>After a merge: the prediction against what the runs since then observed.</summary>
public sealed record VerificationResult(string State, string? MergedFingerprint, long? PredictedDurationMs, long? ObservedDurationMs, double? PredictedCost, double? ObservedCost, double? ErrorPercent, int Runs)
{
    public int RunsBefore { get; init; }

    public double? IntervalCoverage { get; init; }

    public string? Reason { get; init; }

    public int? RevertPullRequest { get; init; }

    /// <summary>Whether the latest run (scaled to the predicted run's input) fell inside the interval predicted; null without a prediction.</summary>
    public bool? LatestInsideInterval { get; init; }
}
