using System.Globalization;

namespace SparkOptimizer.Analysis.Analyzers;

/// <summary>Dynamic allocation without shuffle tracking or a shuffle service, and fixed executors that sit idle for much of their lives.</summary>
public sealed class DynamicAllocationAnalyzer : IAnalyzer
{
    public string Id => "dynamicAllocation";

    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var facts = context.Facts;
        var env = context.Run.Environment;
        if (facts.LocalMode)
        {
            yield break;
        }

        var tracking = env.GetBool("spark.dynamicAllocation.shuffleTracking.enabled") == true;
        var service = Model.PlatformDefaults.GetBool(context.Run, Model.PlatformDefaults.ShuffleServiceKey) == true;
        if (facts.DynamicAllocation && !tracking && !service)
        {
            var severity = context.Run.Vendor.Platform == Model.Platform.Kubernetes ? Severity.Severe : Severity.Moderate;
            var why = "dynamic allocation is on with neither shuffle tracking nor an external shuffle service";
            yield return new Finding(
                "dynamic-allocation-no-shuffle-tracking", "dynamicAllocation", severity, "Dynamic Allocation Without Shuffle Tracking", [],
                [new Evidence("conf.dynamicAllocation", 1, "bool", "spark.dynamicAllocation.enabled=true, spark.dynamicAllocation.shuffleTracking.enabled and spark.shuffle.service.enabled unset or false")],
                "Removing an executor would lose the shuffle files it holds; without shuffle tracking (Kubernetes) or a shuffle service (YARN) Spark either refuses dynamic allocation or recomputes lost shuffle output.",
                [new Recommendation(RecommendationKind.Config, $"Set spark.dynamicAllocation.shuffleTracking.enabled=true: {why}",
                    new ConfigChange("spark.dynamicAllocation.shuffleTracking.enabled", env.Get("spark.dynamicAllocation.shuffleTracking.enabled"), "true", why) { Priority = severity })])
            {
                WhatWouldNotHelp = "Turning dynamic allocation off: it brings the idle executors back.",
                ExpectedImprovement = "Next run: idle executors released after the idle timeout, with no FetchFailed from removed executors",
            };
        }

        if (IdleExecutors(context) is { } idle)
        {
            yield return idle;
        }
    }

    private static Finding? IdleExecutors(AnalysisContext context)
    {
        var facts = context.Facts;
        var t = context.Thresholds;
        if (facts.WallMs < t.Value("dynamicAllocation.minWallMs") || facts.Executors.Count < 2)
        {
            return null;
        }

        var perExecutor = facts.Executors
            .Where(e => e.CoreMs > 0)
            .Select(e => (Span: e, Idle: Math.Clamp(1 - (e.Executor.TaskTimeMs / e.CoreMs), 0, 1)))
            .ToArray();
        var capacity = perExecutor.Sum(x => x.Span.CoreMs);
        if (capacity <= 0)
        {
            return null;
        }

        var idleShare = perExecutor.Sum(x => x.Span.CoreMs * x.Idle) / capacity;
        var severity = t.Rate("dynamicAllocation.idleShare", idleShare);
        if (severity == Severity.None)
        {
            return null;
        }

        var env = context.Run.Environment;
        var evidence = new List<Evidence>
        {
            new("dynamicAllocation.idleShare", idleShare, "ratio", $"Executors: {Fmt.Pct(idleShare)} of executor core time without a task ({facts.Executors.Count} executors, {Fmt.D(facts.ExecutorHours)} executor-hours)"),
        };
        evidence.AddRange(perExecutor.Where(x => x.Span.LifetimeMs >= facts.WallMs / 10).OrderByDescending(x => x.Idle).Take(3).Select(x => new Evidence("dynamicAllocation.executorIdleShare", x.Idle, "ratio",
            $"Executor {x.Span.Executor.Id}: idle {Fmt.Pct(x.Idle)} of its {Fmt.Ms(x.Span.LifetimeMs)} life", ExecutorId: x.Span.Executor.Id)));
        var recs = new List<Recommendation>();
        if (!facts.DynamicAllocation)
        {
            var max = facts.Instances ?? facts.Executors.Count;
            var why = $"executors were idle {Fmt.Pct(idleShare)} of their core time";
            Recommendation Conf(string key, string to) => new(RecommendationKind.Config, $"Set {key}={to}",
                new ConfigChange(key, env.Get(key), to, why) { Priority = severity });
            recs.Add(Conf("spark.dynamicAllocation.enabled", "true"));
            if (env.GetBool("spark.shuffle.service.enabled") != true)
            {
                recs.Add(Conf("spark.dynamicAllocation.shuffleTracking.enabled", "true"));
            }

            recs.Add(Conf("spark.dynamicAllocation.minExecutors", "1"));
            recs.Add(Conf("spark.dynamicAllocation.maxExecutors", max.ToString(CultureInfo.InvariantCulture)));
            recs.Add(Conf("spark.dynamicAllocation.executorIdleTimeout", "60s"));
        }
        else
        {
            var why = $"executors were idle {Fmt.Pct(idleShare)} of their core time with dynamic allocation on";
            recs.Add(new Recommendation(RecommendationKind.Config, $"Set spark.dynamicAllocation.executorIdleTimeout=30s: {why}",
                new ConfigChange("spark.dynamicAllocation.executorIdleTimeout", env.Get("spark.dynamicAllocation.executorIdleTimeout"), "30s", why) { Priority = severity }));
        }

        return new Finding(
            "dynamic-allocation-idle-executors", "dynamicAllocation", severity, "Idle Executors", [],
            evidence,
            "Executors held their cores (and pods) while no task ran on them: between jobs, during driver-only work, and while a few stragglers finished.",
            recs)
        {
            ExecutorIds = perExecutor.OrderByDescending(x => x.Idle).Take(3).Select(x => x.Span.Executor.Id).ToArray(),
            WhatWouldNotHelp = "Bigger executors: they would idle too.",
            ExpectedImprovement = $"Up to {Fmt.D(facts.ExecutorHours * idleShare)} executor-hours less per run",
        };
    }
}
