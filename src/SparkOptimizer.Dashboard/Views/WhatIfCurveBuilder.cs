using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>The what-if curve: the run replayed on fractions and multiples of its observed executor count, priced when possible.</summary>
public static class WhatIfCurveBuilder
{
    private static readonly double[] Factors = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];

    public static IReadOnlyList<WhatIfPoint> Build(SparkRun run, CostOptions cost)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(cost);
        var session = WhatIfSimulator.Prepare(run);
        var observed = Math.Max(1, session.Observed.Executors);
        var counts = Factors.Select(f => Math.Max(1, (int)Math.Round(observed * f))).Append(observed).Distinct().Order().ToList();
        var instanceType = cost.InstanceType;
        var memoryRequest = CostModel.ExecutorMemoryRequest(session.Observed.ExecutorMemory);
        var points = new List<WhatIfPoint>();
        foreach (var n in counts)
        {
            var p = n == observed ? session.Predict(SimulationChange.None) : session.Predict(new SimulationChange { Executors = n });
            var hours = p.ExecutorSeconds / 3600.0;
            var money = instanceType is null ? null : CostModel.PriceExecutorHours(instanceType, hours, session.Observed.CoresPerExecutor, memoryRequest, cost);
            points.Add(new WhatIfPoint(n, p.DurationMs, p.LowMs, p.HighMs, hours, money?.Amount, n == observed));
        }

        return points;
    }
}
