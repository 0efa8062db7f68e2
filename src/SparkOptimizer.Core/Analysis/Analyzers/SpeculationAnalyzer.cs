namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>
/// Stragglers not explained by data: slow tasks reading no more than the median, crowded onto one host while the stage used several
/// (a slow node, which a speculative copy elsewhere beats). Also speculation left on where the slow tasks are data skew (copies cannot win).
/// </summary>
public sealed class SpeculationAnalyzer : IAnalyzer
{
    public string Id => "speculation";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var t = context.Thresholds;
        var env = context.Run.Environment;
        var enabled = env.GetBool("spark.speculation") == true;
        var stragglers = new List<(Model.StageInfo Stage, double Ratio, string Host, int OnHost)>();
        foreach (var stage in context.StagesWithTasks)
        {
            var d = stage.Tasks.DurationMs;
            if (d.Count < t.Value("skew.minTasks") || d.Max < t.Value("skew.minMaxTaskMs") || stage.Tasks.DistinctExecutors < t.Value("speculation.minExecutors"))
            {
                continue;
            }

            var ratio = d.Max / (double)Math.Max(1, d.P50);
            var shape = SkewShape.Of(stage, t.Value("skew.dataExplainedRatio"));
            if (t.Rate("speculation.durationRatio", ratio) == Severity.None || shape.SlowTasksHoldData)
            {
                continue;
            }

            if (Stragglers.OnOneHost(stage, t, context.Run) is { } host)
            {
                stragglers.Add((stage, ratio, host.Host, host.OnHost));
            }
        }

        if (stragglers.Count > 0 && !enabled)
        {
            var severity = stragglers.Max(s => t.Rate("speculation.durationRatio", s.Ratio));
            var ids = stragglers.Select(s => s.Stage.StageId).ToArray();
            var why = $"stragglers on one host in stages {Fmt.Stages(ids)}";
            Recommendation Conf(string key, string to) => new(RecommendationKind.Config, $"Set {key}={to}",
                new ConfigChange(key, env.Get(key), to, why) { StageIds = ids, Priority = severity });
            yield return new Finding(
                "speculation-stragglers", "speculation", severity, "Straggler Tasks on a Slow Host", ids,
                stragglers.Select(s => new Evidence("speculation.durationRatio", s.Ratio, "x",
                    Fmt.Stage(s.Stage, $"slowest task {Fmt.Ms(s.Stage.Tasks.DurationMs.Max)} vs median {Fmt.Ms(s.Stage.Tasks.DurationMs.P50)} ({Fmt.X(s.Ratio)}) with no more data; {s.OnHost} of the slow tasks on {s.Host}"), s.Stage.StageId)).ToArray(),
                "The slowest tasks read no more data than the others and crowd onto one host: a slow or overloaded node, not the data. A speculative copy on another executor finishes first.",
                [Conf("spark.speculation", "true"), Conf("spark.speculation.multiplier", "3"), Conf("spark.speculation.quantile", "0.9")])
            {
                WhatWouldNotHelp = "Salting or more partitions: the data is evenly spread.",
                ExpectedImprovement = $"Next run: speculative copies finish first in stages {Fmt.Stages(ids)}; slowest task near 1.5 x the median",
            };
        }

        if (enabled)
        {
            var skewed = context.StagesWithTasks.Where(s => SkewShape.PassesSkewGate(s, t) && SkewShape.Of(s, t.Value("skew.dataExplainedRatio")).SlowTasksHoldData).ToArray();
            var speculative = context.StagesWithTasks.Sum(s => s.Tasks.SpeculativeCount);
            if (skewed.Length > 0 && speculative > 0)
            {
                yield return new Finding(
                    "speculation-on-skew", "speculation", Severity.Low, "Speculation Copies Skewed Tasks", skewed.Select(s => s.StageId).ToArray(),
                    [new Evidence("speculation.speculativeTasks", speculative, "tasks", $"{speculative} speculative task attempts while stages {Fmt.Stages(skewed.Select(s => s.StageId))} were slow because of data skew")],
                    "A speculative copy of a skewed task reads the same hot partition and is just as slow: it only takes a core from other work.",
                    [new Recommendation(RecommendationKind.Code, "Fix the skew (see the skew findings); speculation cannot")])
                {
                    WhatWouldNotHelp = "A lower speculation quantile or multiplier: more copies of the same hot partition.",
                    ExpectedImprovement = "Next run: no speculative attempts in the skewed stages once the skew is fixed",
                };
            }
        }
    }
}
