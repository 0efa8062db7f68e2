using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>status.lastRun.priceBasis from what the run's cost rests on.</summary>
public static class PriceBasisComposer
{
    public static PriceBasisStatus? From(RunCostDetail? detail) => detail is null ? null : new PriceBasisStatus
    {
        Basis = detail.Basis,
        NodeType = detail.NodeType,
        NodeTypeSource = detail.NodeTypeSource,
        Capacity = detail.Capacity,
        Region = detail.Region,
        PriceSource = detail.PriceSource,
        Waste = detail.Waste.Count == 0 ? null : detail.Waste.ToDictionary(w => w.Cause, w => Math.Round(w.Amount, 4), StringComparer.Ordinal),
        Useful = detail.Useful is { } u ? Math.Round(u, 4) : null,
    };
}
