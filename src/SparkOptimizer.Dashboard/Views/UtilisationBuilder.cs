using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>
/// Busy against idle cores over the run: alive cores from executor lifetimes; busy cores from each stage's task time
/// spread evenly over its window (the log has no per-task timeline once reduced), capped by the alive cores.
/// </summary>
public static class UtilisationBuilder
{
    public const int Samples = 120;

    public static IReadOnlyList<UtilisationSample> Build(SparkRun run, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(facts);
        var wall = Math.Max(1, facts.WallMs);
        var step = Math.Max(1.0, wall / (double)Samples);
        var stages = run.Stages
            .Where(s => s.SubmissionTime is not null && s.CompletionTime is not null && s.DurationMs > 0)
            .Select(s => (Start: s.SubmissionTime!.Value.ToUnixTimeMilliseconds() - facts.StartMs,
                          End: s.CompletionTime!.Value.ToUnixTimeMilliseconds() - facts.StartMs,
                          Rate: s.Tasks.DurationMs.Sum / (double)s.DurationMs!.Value))
            .ToList();
        var samples = new List<UtilisationSample>(Samples + 1);
        for (var i = 0; i <= Samples; i++)
        {
            var t = (long)Math.Min(wall, i * step);
            var alive = facts.Executors.Where(e => e.StartMs - facts.StartMs <= t && e.EndMs - facts.StartMs >= t).Sum(e => (double)e.Cores);
            var busy = stages.Where(s => s.Start <= t && s.End >= t).Sum(s => s.Rate);
            samples.Add(new UtilisationSample(t, alive, Math.Min(alive, busy)));
        }

        return samples;
    }
}
