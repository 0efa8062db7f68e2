using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>
/// Estimates from the run's own task times: a skew fix brings a stage down to the larger of its p90 task and its total task time
/// spread over the cores it could use. No estimate for what task times cannot tell (spill, GC): those findings say what to watch.
/// </summary>
public sealed class StageTimeImpactEstimator : IImpactEstimator
{
    public ImpactEstimate? Estimate(SparkRun run, RunFacts facts, Finding finding)
    {
        if (finding.Category != "skew")
        {
            return null;
        }

        var stage = run.Stages.Where(s => finding.StageIds.Contains(s.StageId) && s.DurationMs is > 0).MaxBy(s => s.DurationMs);
        if (stage is null)
        {
            return null;
        }

        var d = stage.Tasks.DurationMs;
        var slots = Math.Max(1, Math.Min(d.Count, facts.PeakCores));
        var duration = stage.DurationMs!.Value;
        var balanced = Math.Max(d.P90, d.Sum / (double)slots);
        var saved = (long)Math.Max(0, Math.Min(d.Max - d.P90, duration - balanced));
        if (saved <= 0)
        {
            return null;
        }

        var fraction = saved / (double)duration;
        if (fraction < 0.05)
        {
            // Below 5 % the estimate is inside the run-to-run noise: say nothing rather than a false figure.
            return null;
        }

        return new ImpactEstimate(
            $"{Fmt.Pct(fraction)} faster stage {stage.StageId} execution ({Fmt.Ms(duration)} -> ~{Fmt.Ms(duration - saved)})",
            fraction, saved, "estimated from the stage's own task times");
    }
}
