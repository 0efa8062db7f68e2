using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// Turns the cost model's answer into the report's money lines: the run's cost with its price source (the node's price,
/// or OpenCost's default rates where no node price is known), and the cost of the recommended configuration as the
/// simulator predicts it (else the right-sized node pool). Null when pricing is off.
/// </summary>
public static class ReportCostBuilder
{
    public static ReportCost? Build(SparkRun run, WhatIfSession? session, CostReport cost, IReadOnlyList<ConfigChange> changes, CostOptions options)
    {
        if (cost.Cost is not { } money || cost.Source is not { } source)
        {
            return null;
        }

        var date = DateOnly.TryParse(source.Date, CultureInfo.InvariantCulture, out var d) ? d : DateOnly.MinValue;
        var config = SimulationConfig.FromRun(run);
        var openCost = cost.Basis == CostBasis.OpenCostDefaultRates;
        var shape = cost.RightSizing is { } rs ? $"{rs.CurrentNodes} x {rs.CurrentShape}"
            : openCost ? Reporting.ResourceUsage.From(run).ShapeText()
            : $"{config.Executors} x {config.CoresPerExecutor}-core executors on {cost.InstanceType}";
        var result = new ReportCost(ReportCost.Round(money.Amount), money.Currency, shape, source.Description, date)
        {
            Basis = cost.Basis,
            CpuRate = openCost ? cost.Rates?.PerCoreHour : null,
            RamRate = openCost ? cost.Rates?.PerGiBHour : null,
        };

        // Executor time of a configuration at the run's rates: the instance type's split, or OpenCost's default rates.
        Money? ExecutorCost(double hours, int cores, ByteSize heap) => openCost
            ? cost.Rates?.Charge(hours * cores, hours * CostModel.ExecutorMemoryRequest(heap).TotalGiB)
            : cost.InstanceType is { } type ? CostModel.PriceExecutorHours(type, hours, cores, CostModel.ExecutorMemoryRequest(heap), options) : null;

        var settings = changes.ToDictionary(c => c.Key, c => c.To, StringComparer.Ordinal);
        var change = SimulationChange.FromSparkConf(settings);
        if (changes.Count > 0 && change != SimulationChange.None && session is not null)
        {
            var prediction = session.Predict(change);
            if (ExecutorCost(prediction.ExecutorSeconds / 3600, prediction.Config.CoresPerExecutor, prediction.Config.ExecutorMemory) is { } predicted)
            {
                // Executor time alone: add the driver and overheads the observed cost carries, in proportion.
                var observedExecutorCost = ExecutorCost(session.BaselineReplay.ExecutorSeconds / 3600, config.CoresPerExecutor, config.ExecutorMemory);
                var scale = observedExecutorCost is { Amount: > 0 } o ? money.Amount / o.Amount : 1m;
                var on = openCost ? "at the same rates" : $"on {cost.InstanceType}";
                return result with
                {
                    RecommendedPerRun = ReportCost.Round(predicted.Amount * scale),
                    RecommendedShape = $"{prediction.Config.Executors} x {prediction.Config.CoresPerExecutor}-core executors, {prediction.Config.ExecutorMemory.ToSparkString()} heap {on}",
                };
            }
        }

        if (cost.RightSizing is { } sizing && sizing.RecommendedCost.Amount < sizing.CurrentCost.Amount)
        {
            return result with { RecommendedPerRun = ReportCost.Round(sizing.RecommendedCost.Amount), RecommendedShape = $"{sizing.RecommendedNodes} x {sizing.RecommendedShape}" };
        }

        return result;
    }
}
