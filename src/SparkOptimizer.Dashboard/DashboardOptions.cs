using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.RunHistory;
using SparkOptimizer.Pricing;

namespace SparkOptimizer.Dashboard;

/// <summary>How the dashboard prices runs (instance type, capacity); without an instance type it shows core-hours.</summary>
public sealed record DashboardOptions
{
    public CostOptions Cost { get; init; } = new();

    /// <summary>What the fleet page says when there is no run.</summary>
    public string EmptyFleetText { get; init; } = "No runs: the folder holds no readable event logs.";

    /// <summary>Page title prefix.</summary>
    public string Title { get; init; } = "Spark Optimizer";

    /// <summary>When set, the MCP tools are served at /mcp too, reading only what this policy allows; null serves none.</summary>
    public ILogAccessPolicy? McpAccess { get; init; }

    /// <summary>The run history the MCP `history` tool may read a cohort from; null: none.</summary>
    public RunHistoryReader? McpHistory { get; init; }

    /// <summary>Host names /mcp answers besides its listen addresses (a name it is reached by through a proxy); see McpOriginPolicy.</summary>
    public IReadOnlyList<string> McpAllowedHosts { get; init; } = [];
}
