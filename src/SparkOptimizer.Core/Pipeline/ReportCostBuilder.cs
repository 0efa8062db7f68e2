using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// Turns the cost model's answer into the report's money lines: the run's cost with its price source, and the cost of the
/// recommended configuration as the simulator predicts it (else the right-sized node pool). Null when no price is known.
/// </summary>
public static class ReportCostBuilder
{
    public static ReportCost? Build(SparkRun run, CostReport cost, IReadOnlyList<ConfigChange> changes, CostOptions options)
    {
        if (cost.Cost is not { } money || cost.Source is not { } source)
        {
            return null;
        }

        var date = DateOnly.TryParse(source.Date, CultureInfo.InvariantCulture, out var d) ? d : DateOnly.MinValue;
        var config = SimulationConfig.FromRun(run);
        var shape = cost.RightSizing is { } rs
            ? $"{rs.CurrentNodes} x {rs.CurrentShape}"
            : $"{config.Executors} x {config.CoresPerExecutor}-core executors on {cost.InstanceType}";
        var result = new ReportCost(money.Round().Amount, money.Currency, shape, source.Description, date);

        var settings = changes.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal);
        var change = SimulationChange.FromSparkConf(settings);
        if (changes.Count > 0 && change != SimulationChange.None && cost.InstanceType is { } type && run.Application.DurationMs is > 0)
        {
            var session = WhatIfSimulator.Prepare(run);
            var prediction = session.Predict(change);
            if (CostModel.PriceExecutorHours(type, prediction.ExecutorSeconds / 3600, prediction.Config.CoresPerExecutor,
                    CostModel.ExecutorMemoryRequest(prediction.Config.ExecutorMemory), options) is { } predicted)
            {
                // Executor time alone: add the driver and overheads the observed cost carries, in proportion.
                var observedExecutorCost = CostModel.PriceExecutorHours(type, session.BaselineReplay.ExecutorSeconds / 3600,
                    config.CoresPerExecutor, CostModel.ExecutorMemoryRequest(config.ExecutorMemory), options);
                var scale = observedExecutorCost is { Amount: > 0 } o ? money.Amount / o.Amount : 1m;
                return result with
                {
                    RecommendedPerRun = Math.Round(predicted.Amount * scale, 2),
                    RecommendedShape = $"{prediction.Config.Executors} x {prediction.Config.CoresPerExecutor}-core executors, {prediction.Config.ExecutorMemory.ToSparkString()} heap on {type}",
                };
            }
        }

        if (cost.RightSizing is { } sizing && sizing.RecommendedCost.Amount < sizing.CurrentCost.Amount)
        {
            return result with { RecommendedPerRun = sizing.RecommendedCost.Round().Amount, RecommendedShape = $"{sizing.RecommendedNodes} x {sizing.RecommendedShape}" };
        }

        return result;
    }
}
