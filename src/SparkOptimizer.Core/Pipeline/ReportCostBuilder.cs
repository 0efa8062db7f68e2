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
/// replay predicts it (the change set, or the right-sized node pool replayed), with its interval. Null when pricing is off.
/// </summary>
public static class ReportCostBuilder
{
    public static ReportCost? Build(SparkRun run, CostReport cost, RecommendedRun? recommended)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(cost);
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

        if (recommended is { Prediction: var p, Cost: { } priced })
        {
            var on = recommended.InstanceType is { } type ? $"on {type}" : openCost ? "at the same rates" : $"on {cost.InstanceType}";
            return result with
            {
                RecommendedPerRun = ReportCost.Round(priced.Cost.Amount),
                RecommendedLow = ReportCost.Round(priced.Low.Amount),
                RecommendedHigh = ReportCost.Round(priced.High.Amount),
                RecommendedDurationMs = p.DurationMs,
                RecommendedLowMs = p.LowMs,
                RecommendedHighMs = p.HighMs,
                RecommendedShape = $"{p.Config.Executors} x {p.Config.CoresPerExecutor}-core executors, {p.Config.ExecutorMemory.ToSparkString()} heap {on}",
                RecommendedConfiguration = new RecommendedShape(p.Config.Executors, p.Config.CoresPerExecutor, p.Config.ExecutorMemory.ToSparkString(), recommended.InstanceType),
            };
        }

        return result;
    }
}
