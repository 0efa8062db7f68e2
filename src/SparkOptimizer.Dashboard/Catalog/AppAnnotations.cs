namespace SparkOptimizer.Dashboard.Catalog;

/// <summary>
/// Facts about an app that event logs do not hold: its open pull request, the merges of recommendations, and how far
/// predictions were from what the next runs observed. Null or empty where unknown (a folder of logs knows none).
/// </summary>
public sealed record AppAnnotations(string? OpenPullRequestUrl, double? PredictionErrorPct, IReadOnlyList<MergeMarker> Merges)
{
    public static AppAnnotations None { get; } = new(null, null, []);

    /// <summary>Saving per run that runs after a merge proved (observed against the runs before it), in the runs' currency.</summary>
    public decimal? VerifiedSavingPerRun { get; init; }

    /// <summary>Predictions made for runs of this app, drawn against their observed durations.</summary>
    public IReadOnlyList<PredictedRun> Predictions { get; init; } = [];
}
