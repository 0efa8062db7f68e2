using SparkOptimizer.Pricing;

namespace SparkOptimizer.Dashboard;

/// <summary>How the dashboard prices runs (instance type, capacity); without an instance type it shows core-hours.</summary>
public sealed record DashboardOptions
{
    public CostOptions Cost { get; init; } = new();

    /// <summary>Page title prefix.</summary>
    public string Title { get; init; } = "Spark Optimizer";
}
