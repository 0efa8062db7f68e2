using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// Task skew per stage: slowest against median task time, and largest against median bytes (shuffle read, else input).
/// Names the share of data in the top tasks and, from the SQL plan, the join or aggregate key to salt. Never asks for more partitions.
/// </summary>
public sealed class SkewAnalyzer : IAnalyzer
{
    public string Id => "skew";

    private const int MaxSeparateFindings = 8;

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        // The worst stages each get their own finding (each has its own key to salt); the rest are folded into one.
        var all = PerStage(context)
            .OrderByDescending(f => f.Severity)
            .ThenByDescending(f => f.Evidence.FirstOrDefault(e => e.Metric == "skew.durationRatio")?.Value ?? 0)
            .ToArray();
        foreach (var finding in all.Take(MaxSeparateFindings))
        {
            yield return finding;
        }

        if (FindingMerger.Merge("skew-more-stages", all.Skip(MaxSeparateFindings)) is { } rest)
        {
            yield return rest with { Title = $"{rest.Title} ({all.Length - MaxSeparateFindings} more stages)" };
        }
    }

    private static IEnumerable<Finding> PerStage(AnalysisContext context)
    {
        var t = context.Thresholds;
        foreach (var stage in context.StagesWithTasks)
        {
            var d = stage.Tasks.DurationMs;
            if (d.Count < t.Value("skew.minTasks"))
            {
                continue;
            }

            var shape = SkewShape.Of(stage, t.Value("skew.dataExplainedRatio"));
            var ratio = d.Max / (double)Math.Max(1, d.P50);
            var timeSeverity = d.Max >= t.Value("skew.minMaxTaskMs")
                ? SeverityScale.Min(t.Rate("skew.durationRatio", ratio), t.Rate("skew.excessSeconds", (d.Max - d.P50) / 1000.0))
                : Severity.None;
            var bytesSeverity = shape.Bytes.Max >= t.Value("skew.minMaxTaskBytes") ? t.Rate("skew.bytesRatio", shape.BytesRatio) : Severity.None;

            // Time is the cost; bytes without slow tasks are only a warning sign.
            var severity = timeSeverity > Severity.None ? timeSeverity : SeverityScale.Min(bytesSeverity, Severity.Low);
            if (severity == Severity.None)
            {
                continue;
            }

            // Time skew on one slow host with even data is a straggler: the speculation finding owns it.
            if (!shape.SlowTasksHoldData && timeSeverity > Severity.None && bytesSeverity == Severity.None
                && t.Rate("speculation.durationRatio", ratio) > Severity.None && Stragglers.OnOneHost(stage, t, context.Run) is not null)
            {
                continue;
            }

            yield return SkewFinding.Build(context, stage, shape, ratio, severity, timeSeverity > Severity.None);
        }
    }
}
