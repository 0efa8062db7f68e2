using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>
/// Severity follows what is at stake: a finding about some stages can recover at most the wall time those stages ran, so the
/// share of the run they cover caps its severity (impact.runShare: under 1 % of the run is at most low). Failures are not
/// capped: a failed job or lost executor is a correctness matter whatever its duration.
/// </summary>
public static class ImpactCeiling
{
    public static IReadOnlyList<Finding> Apply(SparkRun run, RunFacts facts, Thresholds thresholds, IReadOnlyList<Finding> findings)
    {
        var capped = findings.Select(f => f.StageIds.Count == 0 ? (Finding: f, Share: 1.0) : (Finding: f, Share: StageShare(run, facts, f.StageIds)))
            .Select(x => x.Finding.Category == "failures" || x.Finding.StageIds.Count == 0 ? x : (Finding: Cap(x.Finding, x.Share, thresholds), x.Share));
        return capped.OrderByDescending(x => x.Finding.Severity).ThenByDescending(x => x.Share).ThenBy(x => x.Finding.Id, StringComparer.Ordinal)
            .Select(x => x.Finding).ToArray();
    }

    /// <summary>The share of the run's wall time during which at least one of the stages ran (all their attempts).</summary>
    public static double StageShare(SparkRun run, RunFacts facts, IReadOnlyCollection<int> stageIds)
    {
        if (facts.WallMs <= 0)
        {
            return 0;
        }

        var ids = stageIds.ToHashSet();
        var intervals = run.Stages.Where(s => ids.Contains(s.StageId) && s.SubmissionTime is not null && s.CompletionTime is not null)
            .Select(s => (Start: Math.Max(facts.StartMs, s.SubmissionTime!.Value.ToUnixTimeMilliseconds()), End: Math.Min(facts.EndMs, s.CompletionTime!.Value.ToUnixTimeMilliseconds())))
            .Where(i => i.End > i.Start)
            .OrderBy(i => i.Start);
        long covered = 0, cursor = long.MinValue;
        foreach (var (start, end) in intervals)
        {
            if (end > cursor)
            {
                covered += end - Math.Max(start, cursor);
                cursor = end;
            }
        }

        return Math.Clamp(covered / (double)facts.WallMs, 0, 1);
    }

    private static Finding Cap(Finding finding, double share, Thresholds thresholds)
    {
        var ceiling = thresholds.Rate("impact.runShare", share);
        return finding.Severity > ceiling ? finding with { Severity = ceiling } : finding;
    }
}
