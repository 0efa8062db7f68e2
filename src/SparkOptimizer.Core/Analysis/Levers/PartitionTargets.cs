using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Levers;

/// <summary>
/// One stage, one partition count: where several findings ask one stage for different counts (too few tasks for the slots,
/// oversized shuffle partitions, spill), every one of them is rewritten to the same count. Counts that all grow the stage
/// take the largest (it satisfies each), counts that all shrink it take the largest too (the least coalescing that still
/// helps), and counts in both directions take the most severe finding's.
/// </summary>
public static class PartitionTargets
{
    public static IReadOnlyList<Finding> Reconcile(AnalysisContext context, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(findings);
        var asks = findings.SelectMany(f => f.Recommendations.Where(r => r is { StageId: not null, Partitions: not null, Why: not null }).Select(r => (Finding: f, Rec: r)))
            .GroupBy(x => x.Rec.StageId!.Value)
            .Where(g => g.Select(x => x.Rec.Partitions).Distinct().Count() > 1)
            .ToDictionary(g => g.Key, g => Choose(context, g.Key, g.ToArray()));
        if (asks.Count == 0)
        {
            return findings;
        }

        return findings.Select(f => f.Recommendations.Any(r => r.StageId is { } id && asks.ContainsKey(id) && r.Partitions is not null && r.Why is not null)
            ? f with { Recommendations = f.Recommendations.Select(r => Rewrite(context, f, r, asks)).ToArray() }
            : f).ToArray();
    }

    private static int Choose(AnalysisContext context, int stageId, (Finding Finding, Recommendation Rec)[] asks)
    {
        var current = context.Run.Stages.Where(s => s.StageId == stageId).Select(s => s.NumTasks).DefaultIfEmpty(0).Max();
        var targets = asks.Select(a => a.Rec.Partitions!.Value).ToArray();
        return targets.All(t => t >= current) || targets.All(t => t <= current)
            ? targets.Max()
            : asks.OrderByDescending(a => a.Finding.Severity).First().Rec.Partitions!.Value;
    }

    private static Recommendation Rewrite(AnalysisContext context, Finding finding, Recommendation rec, IReadOnlyDictionary<int, int> chosen)
    {
        if (rec is not { StageId: { } id, Partitions: { } asked, Why: { } why } || !chosen.TryGetValue(id, out var target) || target == asked)
        {
            return rec;
        }

        var stage = context.Run.Stages.Where(s => s.StageId == id).MaxBy(s => s.AttemptId);
        return stage is not null && PartitionAdvice.ToPartitions(context, stage, target, why, finding.Severity) is { } rewritten ? rewritten : rec;
    }
}
