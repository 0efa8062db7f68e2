using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Forecasting;

/// <summary>
/// Severity from what the fix can recover, as the forecast gives it: the larger of the run-time and core-hour shares its
/// change saves caps the finding's severity on impact.runShare (under 1 % of the run is at most low). Failures are not
/// capped. Findings come out by severity, then by what is at stake, so the first one is the worst.
/// </summary>
public static class StakeSeverity
{
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, Thresholds thresholds, SparkRun run, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(thresholds);
        // Without a forecast, the stages' share of the run is the most the finding can be worth (as the impact ceiling has it).
        double Stake(Finding f) => f.Forecast is { } x && (x.Replayed || x.RunLowMs is not null) ? x.AtStake
            : f.StageIds.Count == 0 ? 1.0 : ImpactCeiling.StageShare(run, facts, f.StageIds);
        return findings.Select(f => Cap(f, thresholds))
            .Select(f => (Finding: f, Stake: Stake(f)))
            .OrderByDescending(x => x.Finding.Severity)
            .ThenByDescending(x => x.Stake)
            .ThenBy(x => x.Finding.Id, StringComparer.Ordinal)
            .Select(x => x.Finding)
            .ToArray();
    }

    private static Finding Cap(Finding finding, Thresholds thresholds)
    {
        if (finding.Category == "failures" || finding.Forecast is not { } forecast || (!forecast.Replayed && forecast.RunLowMs is null))
        {
            return finding;
        }

        var ceiling = thresholds.Rate("impact.runShare", forecast.AtStake);
        return finding.Severity > ceiling ? finding with { Severity = ceiling } : finding;
    }
}
