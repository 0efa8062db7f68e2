using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Operator.Engine;

/// <summary>Prices a run as the operator sees it (the node it found over the log's own properties) and says what the price rests on.</summary>
public static class RunCostDetails
{
    /// <summary>The cost options for a run: the node found (annotation, Helm value, Node labels, Prometheus), else the log, else the fallback type.</summary>
    public static CostOptions Options(RunNode? node, EngineOptions options) => new()
    {
        InstanceType = node?.InstanceType,
        InstanceTypeSource = node?.Source,
        NodeLabels = node is { Labels.Count: > 0 } n ? n.Labels : null,
        Region = node?.Region,
        FallbackInstanceType = options.DefaultInstanceType,
        Platform = SparkOptimizer.Model.Platform.Kubernetes,
    };

    /// <summary>A cohort's earlier run as spot and reserved advice see it: when, how long, whether it failed (its retry counts are not kept).</summary>
    public static CohortRunCost CohortRunCost(SparkOptimizer.Trust.CohortRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new CohortRunCost(run.Start, run.DurationMs / 3_600_000.0, !run.Succeeded || run.Failure != SparkOptimizer.Trust.RunFailureClass.None, null, null, null);
    }

    public static RunCostDetail From(CostReport cost, RunNode? node)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return new RunCostDetail(
            cost.Basis switch { CostBasis.PriceBook => "priceBook", CostBasis.OpenCostDefaultRates => "openCostDefaultRates", _ => "unpriced" },
            cost.Basis == CostBasis.PriceBook ? cost.InstanceType : null,
            cost.Basis == CostBasis.PriceBook ? cost.InstanceTypeSource : cost.Notes.FirstOrDefault(n => n.Contains("instance type", StringComparison.Ordinal)),
            cost.Capacity.ToString(),
            node?.Region,
            cost.Source?.ToString())
        {
            Waste = cost.Waste.Where(w => w.Cost is not null).Select(w => new WasteAmount(ReportText.WasteName(w.Cause), (double)w.Cost!.Value.Amount)).ToArray(),
            Useful = cost.UsefulCost is { } u ? (double)u.Amount : null,
            Currency = cost.Cost?.Currency ?? "USD",
        };
    }
}
