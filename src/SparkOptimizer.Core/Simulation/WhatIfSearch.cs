using SparkOptimizer.Model;

namespace SparkOptimizer.Simulation;

/// <summary>
/// Searches configurations with the simulator: every candidate is predicted, costed by the caller's function (the
/// simulator knows no prices), and the cheapest whose predicted upper bound meets the SLA wins.
/// </summary>
public static class WhatIfSearch
{
    /// <summary>A grid around the observed configuration: executor counts from a quarter to double, common core sizes, memory halved to doubled.</summary>
    public static IReadOnlyList<SimulationChange> Candidates(SimulationConfig observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var slots = observed.Executors * observed.CoresPerExecutor;
        var cores = new[] { observed.CoresPerExecutor, 2, 4, 5, 8 }.Distinct().Where(c => c >= 1).ToArray();
        var memoryPerCore = observed.ExecutorMemory.Bytes / (double)Math.Max(1, observed.CoresPerExecutor);
        var result = new List<SimulationChange>();
        foreach (var c in cores)
        {
            foreach (var slotScale in new[] { 0.25, 0.5, 0.75, 1.0, 1.5, 2.0 })
            {
                var executors = Math.Max(1, (int)Math.Round(slots * slotScale / c));
                foreach (var memoryScale in new[] { 0.5, 1.0, 2.0 })
                {
                    var memory = Math.Max(ByteSize.GiB, (long)(memoryPerCore * c * memoryScale) / ByteSize.MiB * ByteSize.MiB);
                    result.Add(new SimulationChange { Executors = executors, CoresPerExecutor = c, ExecutorMemory = new ByteSize(memory) });
                }
            }
        }

        return result.Distinct().ToArray();
    }

    /// <summary>The cheapest candidate whose predicted high bound is within <paramref name="slaMs"/> (any, without an SLA).</summary>
    public static SearchOutcome Cheapest(WhatIfSession session, IEnumerable<SimulationChange> candidates, long? slaMs, Func<Prediction, double> cost)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(cost);
        var evaluated = new List<SearchCandidate>();
        foreach (var change in candidates)
        {
            var prediction = session.Predict(change);
            evaluated.Add(new SearchCandidate(change, prediction, cost(prediction), slaMs is not { } sla || prediction.HighMs <= sla));
        }

        var ordered = evaluated.OrderBy(e => e.Cost).ThenBy(e => e.Prediction.DurationMs).ToArray();
        return new SearchOutcome(ordered.FirstOrDefault(e => e.MeetsSla), ordered);
    }
}
