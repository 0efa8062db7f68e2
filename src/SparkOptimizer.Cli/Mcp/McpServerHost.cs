using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace SparkOptimizer.Cli.Mcp;

/// <summary>
/// Serves the tools over MCP on standard input and output. Standard output carries the protocol and nothing else: logs go to
/// standard error, and Console.Out is pointed there too so that a stray write cannot corrupt the stream.
/// </summary>
public static class McpServerHost
{
    public const string ServerName = "spark-optimizer";

    public const string Instructions =
        "Spark event-log analysis, read-only. Start with analyze on a log path; use explain_finding for one finding's full evidence, " +
        "whatif to predict a configuration change, compare_runs for two runs of one job, history for a folder of one job's runs. " +
        "Every answer is JSON with a schemaVersion and is bounded in size; lists are paged with topN and offset.";

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.SetOut(Console.Error);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = ServerName, Version = Version };
                o.ServerInstructions = Instructions;
            })
            .WithStdioServerTransport()
            .WithTools<AnalyzeTool>()
            .WithTools<ExplainFindingTool>()
            .WithTools<WhatIfTool>()
            .WithTools<CompareRunsTool>()
            .WithTools<HistoryTool>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Version =>
        typeof(McpServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
