using System.CommandLine;
using SparkOptimizer.Cli.Mcp;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`mcp`: serve the analysis tools to AI assistants over the Model Context Protocol (stdio), read-only.</summary>
public static class McpCommand
{
    public static Command Create()
    {
        var command = new Command("mcp", "Serve analyze, explain_finding, whatif, compare_runs and history to an AI assistant over MCP (stdio); read-only");
        command.SetAction((_, cancellationToken) => McpServerHost.RunAsync(cancellationToken));
        return command;
    }
}
