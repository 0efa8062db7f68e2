using Prometheus;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Metrics;

/// <summary>
/// Money on /metrics, in the operator's registry: the cost of analysed runs by price basis, and their waste by cause
/// (idle cores, driver-only time, skew tail, unused memory, failed attempts), so that a dashboard sums the fleet's waste.
/// </summary>
public static class CostMetrics
{
    public static void Count(CollectorRegistry registry, RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Cost is not { } cost || analysis.CostDetail is not { } detail)
        {
            return;
        }

        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        factory.CreateCounter("sparkoptimizer_run_cost_total", "Cost of the analysed runs, by price basis (priceBook, openCostDefaultRates) and currency.", "basis", "currency")
            .WithLabels(detail.Basis, detail.Currency).Inc(cost);
        var waste = factory.CreateCounter("sparkoptimizer_run_waste_cost_total",
            "Money of analysed runs' cost wasted, by cause; with sparkoptimizer_run_useful_cost_total it adds up to sparkoptimizer_run_cost_total.", "cause", "currency");
        foreach (var item in detail.Waste)
        {
            waste.WithLabels(item.Cause, detail.Currency).Inc(item.Amount);
        }

        if (detail.Useful is { } useful)
        {
            factory.CreateCounter("sparkoptimizer_run_useful_cost_total", "Money of analysed runs' cost that paid for kept work.", "currency").WithLabels(detail.Currency).Inc(useful);
        }
    }
}
