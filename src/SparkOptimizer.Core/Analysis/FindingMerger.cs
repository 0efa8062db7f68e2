namespace SparkOptimizer.Analysis;

/// <summary>
/// Folds per-stage findings of one kind into one finding (worst stages first), so a run with 300 stages of small files reads
/// as one issue with its worst examples, not 300 issues.
/// </summary>
public static class FindingMerger
{
    public static Finding? Merge(string id, IEnumerable<Finding> perStage, int maxStages = 5)
    {
        var ordered = perStage.OrderByDescending(f => f.Severity).ThenBy(f => f.StageIds.FirstOrDefault()).ToArray();
        if (ordered.Length == 0)
        {
            return null;
        }

        if (ordered.Length == 1)
        {
            return ordered[0] with { Id = id };
        }

        var top = ordered.Take(maxStages).ToArray();
        var evidence = top.SelectMany(f => f.Evidence).ToList();
        if (ordered.Length > maxStages)
        {
            evidence.Add(new Evidence("stages.more", ordered.Length - maxStages, "stages",
                $"... and {ordered.Length - maxStages} more stage(s): {Fmt.Stages(ordered.Skip(maxStages).SelectMany(f => f.StageIds))}"));
        }

        // One recommendation per conf key (the worst stage's), and code hints without repeats.
        var recs = top.SelectMany(f => f.Recommendations)
            .GroupBy(r => r.Change?.Key ?? (r.Kind == RecommendationKind.Code ? "code" : r.Text), StringComparer.Ordinal)
            .Select(g => g.First() is { Change: { } c } first ? first with { Change = c with { StageIds = g.SelectMany(r => r.Change?.StageIds ?? []).Distinct().Order().ToArray() } } : g.First())
            .Take(4)
            .ToArray();
        return top[0] with
        {
            Id = id,
            StageIds = ordered.SelectMany(f => f.StageIds).Distinct().Order().ToArray(),
            Evidence = evidence,
            Recommendations = recs,
            SqlExecutionIds = ordered.SelectMany(f => f.SqlExecutionIds).Distinct().Order().ToArray(),
            ExpectedImprovement = top[0].ExpectedImprovement,
        };
    }
}
