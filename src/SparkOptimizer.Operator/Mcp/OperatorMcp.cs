using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SparkOptimizer.History;
using SparkOptimizer.Mcp.Hosting;
using SparkOptimizer.Mcp.RunHistory;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Mcp;

/// <summary>
/// The MCP tools on the operator's port at /mcp (setting Mcp:Enabled, on by default), confined by <see cref="OperatorLogAccess"/>;
/// `history` reads cohorts from the operator's own run-history store, the one its <see cref="CohortLedger"/> writes.
/// </summary>
public static class OperatorMcp
{
    public const string EnabledKey = "Mcp:Enabled";

    /// <summary>Comma-separated host names /mcp answers besides loopback (the Service's DNS names); Helm value mcp.allowedHosts.</summary>
    public const string AllowedHostsKey = "Mcp:AllowedHosts";

    public const string HistoryDescription = "the operator's run history (a cohort is namespace/app of the SparkApplication)";

    public static IServiceCollection AddOperatorMcp(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue(EnabledKey, true))
        {
            services.AddSparkOptimizerMcpHttp(
                sp => OperatorLogAccess.From(sp.GetRequiredService<EngineOptions>()),
                sp => sp.GetService<IRunHistoryStore>() is { } store ? new RunHistoryReader(store, HistoryDescription) : null);
        }

        return services;
    }

    public static void MapOperatorMcp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue(EnabledKey, true))
        {
            var allowed = (app.Configuration[AllowedHostsKey] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            app.UseMcpOriginPolicy(new McpOriginPolicy(app.Urls.Count > 0 ? app.Urls : ["http://0.0.0.0"], allowed));
            app.MapSparkOptimizerMcp();
        }
    }
}
