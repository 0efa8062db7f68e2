using Microsoft.Extensions.DependencyInjection;
using SparkOptimizer.Mcp.Access;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>Registers the five read-only tools and the access policy they consult; the caller adds the transport.</summary>
public static class McpToolRegistration
{
    public static IMcpServerBuilder AddSparkOptimizerMcp(this IServiceCollection services, Func<IServiceProvider, ILogAccessPolicy> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        services.AddSingleton(access);
        return services
            .AddMcpServer(o =>
            {
                o.ServerInfo = McpServerInfo.Implementation;
                o.ServerInstructions = McpServerInfo.Instructions;
            })
            .WithTools<AnalyzeTool>()
            .WithTools<ExplainFindingTool>()
            .WithTools<WhatIfTool>()
            .WithTools<CompareRunsTool>()
            .WithTools<HistoryTool>();
    }
}
