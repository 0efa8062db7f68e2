using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.RunHistory;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>Registers the five read-only tools, the access policy and the run history (if any) they consult; the caller adds the transport.</summary>
public static class McpToolRegistration
{
    /// <param name="history">The run history `history` reads a cohort from; null, or a factory that gives null, serves none.</param>
    public static IMcpServerBuilder AddSparkOptimizerMcp(
        this IServiceCollection services, Func<IServiceProvider, ILogAccessPolicy> access, Func<IServiceProvider, RunHistoryReader?>? history = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        services.AddSingleton(access);
        // A null service is "no run history": the tool's optional parameter stays null.
        services.AddSingleton(sp => history?.Invoke(sp)!);
        var builder = services.AddMcpServer(o => o.ServerInfo = McpServerInfo.Implementation);
        // the assistant learns up front what it may ask for: a remote one cannot guess the server's folders or cohorts
        services.AddOptions<McpServerOptions>().Configure<IServiceProvider>((o, sp) =>
            o.ServerInstructions = McpServerInfo.InstructionsFor(sp.GetRequiredService<ILogAccessPolicy>(), sp.GetService<RunHistoryReader>()));
        return builder
            .WithTools<AnalyzeTool>()
            .WithTools<ExplainFindingTool>()
            .WithTools<WhatIfTool>()
            .WithTools<CompareRunsTool>()
            .WithTools<HistoryTool>()
            .WithArgumentCheck();
    }
}
