using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// The simulator's say before anything is proposed: the change set is replayed, and with an SLA the cheapest executor
/// count and size whose predicted upper bound meets it is added (memory never below what the recommender asked).
/// A change set predicted to slow the run by more than <see cref="MaxSlowdown"/> without saving cost is withheld.
/// </summary>
public static class SimulatorCheck
{
    public const double MaxSlowdown = 0.10;

    /// <summary>
    /// The run prepared for replay, or null when it cannot be replayed (no stage). A log without an application end replays
    /// raw, unchecked against an observed duration, as whatif does; its predictions say so.
    /// </summary>
    public static WhatIfSession? Prepare(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Stages.Count == 0)
        {
            return null;
        }

        try
        {
            return WhatIfSimulator.Prepare(run);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static (IReadOnlyList<ConfigChange> Changes, IReadOnlyList<string> Notes) Apply(WhatIfSession? session, IReadOnlyList<ConfigChange> changes, TimeSpan? sla, string? instanceType)
    {
        var notes = new List<string>();
        if (session is null)
        {
            return (changes, notes);
        }

        var result = changes.ToList();
        if (sla is { } target && target > TimeSpan.Zero)
        {
            AddSlaSizing(session, result, (long)target.TotalMilliseconds, instanceType, notes);
        }

        var change = SimulationChange.FromSparkConf(result.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal));
        if (change == SimulationChange.None)
        {
            return (result, notes);
        }

        var prediction = session.Predict(change);
        var baseline = session.BaselineReplay.DurationMs;
        var slowdown = baseline > 0 ? (prediction.DurationMs - baseline) / (double)baseline : 0;
        var cheaper = prediction.CoreSeconds < session.BaselineReplay.CoreSeconds * 0.95;
        if (slowdown > MaxSlowdown && !cheaper && sla is null)
        {
            var sizing = new HashSet<string>(["spark.executor.instances", "spark.executor.cores", "spark.dynamicAllocation.maxExecutors"], StringComparer.Ordinal);
            var withheld = result.Where(c => sizing.Contains(c.Key)).ToArray();
            if (withheld.Length > 0)
            {
                result.RemoveAll(c => sizing.Contains(c.Key));
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"withheld {string.Join(", ", withheld.Select(c => c.Key))}: the what-if replay predicts {slowdown:P0} longer without lower cost"));
            }
        }

        return (result, notes);
    }

    private static void AddSlaSizing(WhatIfSession session, List<ConfigChange> changes, long slaMs, string? instanceType, List<string> notes)
    {
        var floor = changes.FirstOrDefault(c => c.Key == "spark.executor.memory") is { } m && ByteSize.TryParse(m.To, out var asked, ByteSize.MiB)
            ? asked
            : session.Observed.ExecutorMemory;
        double Cost(Prediction p) =>
            instanceType is not null && CostModel.PriceExecutorHours(instanceType, p.ExecutorSeconds / 3600, p.Config.CoresPerExecutor, CostModel.ExecutorMemoryRequest(p.Config.ExecutorMemory)) is { } money
                ? (double)money.Amount
                : p.CoreSeconds / 3600;

        // Only executor count and cores are searched: memory stays where the recommender (and its floors) put it.
        var perCore = floor.Bytes / (double)Math.Max(1, session.Observed.CoresPerExecutor);
        var candidates = WhatIfSearch.Candidates(session.Observed)
            .Select(c => c with { ExecutorMemory = new ByteSize(Math.Max(floor.Bytes, (long)(perCore * (c.CoresPerExecutor ?? 1)) / ByteSize.MiB * ByteSize.MiB)) })
            .Distinct();
        var outcome = WhatIfSearch.Cheapest(session, candidates, slaMs, Cost);
        if (outcome.Best is not { } best)
        {
            notes.Add($"no configuration searched meets the SLA of {Reporting.DurationText.Format(slaMs)}: sizing left as it is");
            return;
        }

        var config = best.Prediction.Config;
        void Set(string key, string value, string reason)
        {
            changes.RemoveAll(c => c.Key == key);
            changes.Add(new ConfigChange(key, null, value, reason));
        }

        var why = string.Create(CultureInfo.InvariantCulture,
            $"cheapest configuration whose predicted upper bound ({Reporting.DurationText.Format(best.Prediction.HighMs)}) meets the SLA of {Reporting.DurationText.Format(slaMs)} (what-if replay)");
        if (config.Executors != session.Observed.Executors)
        {
            Set("spark.executor.instances", config.Executors.ToString(CultureInfo.InvariantCulture), why);
            changes.RemoveAll(c => c.Key.StartsWith("spark.dynamicAllocation.", StringComparison.Ordinal));
        }

        if (config.CoresPerExecutor != session.Observed.CoresPerExecutor)
        {
            Set("spark.executor.cores", config.CoresPerExecutor.ToString(CultureInfo.InvariantCulture), why);
            if (config.ExecutorMemory.Bytes > floor.Bytes)
            {
                Set("spark.executor.memory", config.ExecutorMemory.ToSparkString(), why + "; heap per core kept");
            }
        }

        notes.Add(why);
    }
}
