using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SparkOptimizer.Mcp.Hosting;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Mcp;

/// <summary>The MCP tools on the operator's port at /mcp (setting Mcp:Enabled, on by default), confined by <see cref="OperatorLogAccess"/>.</summary>
public static class OperatorMcp
{
    public const string EnabledKey = "Mcp:Enabled";

    public static IServiceCollection AddOperatorMcp(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue(EnabledKey, true))
        {
            services.AddSparkOptimizerMcpHttp(sp => OperatorLogAccess.From(sp.GetRequiredService<EngineOptions>()));
        }

        return services;
    }

    public static void MapOperatorMcp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue(EnabledKey, true))
        {
            app.MapSparkOptimizerMcp();
        }
    }
}
