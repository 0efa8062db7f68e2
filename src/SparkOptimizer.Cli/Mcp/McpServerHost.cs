using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SparkOptimizer.History;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.Hosting;

namespace SparkOptimizer.Cli.Mcp;

/// <summary>
/// Serves the tools over MCP on standard input and output, reading any path the user can (it runs as the user). Standard
/// output carries the protocol and nothing else: logs go to standard error, and Console.Out is pointed there too so that
/// a stray write cannot corrupt the stream. With a run history, `history` reads cohorts from it too.
/// </summary>
public static class McpServerHost
{
    public static async Task<int> RunAsync(FileInfo? historyFile, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var store = historyFile is null ? null : await McpHistoryFile.OpenAsync(historyFile, stderr, cancellationToken).ConfigureAwait(false);
        if (historyFile is not null && store is null)
        {
            return ExitCodes.Usage;
        }

        await using (store)
        {
            return await ServeAsync(store, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ServeAsync(SqliteRunHistoryStore? store, CancellationToken cancellationToken)
    {
        Console.SetOut(Console.Error);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var reader = store is null ? null : McpHistoryFile.Reader(store);
        builder.Services.AddSparkOptimizerMcp(_ => UnrestrictedLogAccess.Instance, _ => reader).WithStdioServerTransport();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
