namespace SparkOptimizer.Analysis;

/// <summary>A problem found in a run, with the evidence that triggered it and what to do.</summary>
public sealed record Finding(
    string Id,
    string Category,
    Severity Severity,
    string Title,
    IReadOnlyList<int> StageIds,
    IReadOnlyList<Evidence> Evidence,
    string Explanation,
    IReadOnlyList<Recommendation> Recommendations)
{
    public IReadOnlyList<string> ExecutorIds { get; init; } = [];

    public IReadOnlyList<long> SqlExecutionIds { get; init; } = [];

    /// <summary>What would not help (for skew: more executors), so nobody pulls the wrong lever.</summary>
    public string? WhatWouldNotHelp { get; init; }

    /// <summary>What the next run should show; after forecasting, the replay's prediction comes first.</summary>
    public string? ExpectedImprovement { get; init; }

    /// <summary>The replay's prediction for this finding's changes, or why there is none; set by the forecasting stage.</summary>
    public Forecast? Forecast { get; init; }
}
