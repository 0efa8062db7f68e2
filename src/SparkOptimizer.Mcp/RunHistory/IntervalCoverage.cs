using SparkOptimizer.History;

namespace SparkOptimizer.Mcp.RunHistory;

/// <summary>
/// How often a cohort's predictions held: of the runs with a prediction and a duration, the share whose duration fell
/// inside [low, high]. Against <see cref="NominalLevel"/> (0.8 for an 80 % interval) it says whether the intervals are honest.
/// </summary>
/// <param name="Share">Inside / RunsWithPrediction; null when no run has both a prediction and a duration.</param>
/// <param name="NominalLevel">The mean interval level the predictions claimed; null without predictions.</param>
public sealed record IntervalCoverage(int RunsWithPrediction, int Inside, double? Share, double? NominalLevel)
{
    public static IntervalCoverage Of(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var predicted = runs.Where(r => r.Prediction is not null && r.DurationMs is not null).ToList();
        var inside = predicted.Count(Holds);
        return new IntervalCoverage(
            predicted.Count,
            inside,
            predicted.Count == 0 ? null : Math.Round((double)inside / predicted.Count, 3),
            predicted.Count == 0 ? null : Math.Round(predicted.Average(r => r.Prediction!.IntervalLevel), 3));
    }

    /// <summary>Whether the run's duration fell inside its predicted interval; null when it has no prediction or no duration.</summary>
    public static bool? IsInside(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Prediction is null || run.DurationMs is null ? null : Holds(run);
    }

    private static bool Holds(RunRecord run) => run.DurationMs >= run.Prediction!.LowMs && run.DurationMs <= run.Prediction.HighMs;
}
