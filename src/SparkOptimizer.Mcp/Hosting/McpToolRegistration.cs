using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>Registers the five read-only tools and the access policy they consult; the caller adds the transport.</summary>
public static class McpToolRegistration
{
    public static IMcpServerBuilder AddSparkOptimizerMcp(this IServiceCollection services, Func<IServiceProvider, ILogAccessPolicy> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        services.AddSingleton(access);
        var builder = services.AddMcpServer(o => o.ServerInfo = McpServerInfo.Implementation);
        // the assistant learns up front what it may ask for: a remote one cannot guess the server's folders
        services.AddOptions<McpServerOptions>().Configure<ILogAccessPolicy>((o, policy) => o.ServerInstructions = McpServerInfo.InstructionsFor(policy));
        return builder
            .WithTools<AnalyzeTool>()
            .WithTools<ExplainFindingTool>()
            .WithTools<WhatIfTool>()
            .WithTools<CompareRunsTool>()
            .WithTools<HistoryTool>();
    }
}
