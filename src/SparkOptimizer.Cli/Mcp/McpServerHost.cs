using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.Hosting;

namespace SparkOptimizer.Cli.Mcp;

/// <summary>
/// Serves the tools over MCP on standard input and output, reading any path the user can (it runs as the user). Standard
/// output carries the protocol and nothing else: logs go to standard error, and Console.Out is pointed there too so that
/// a stray write cannot corrupt the stream.
/// </summary>
public static class McpServerHost
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.SetOut(Console.Error);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSparkOptimizerMcp(_ => UnrestrictedLogAccess.Instance).WithStdioServerTransport();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
