using System.CommandLine;
using SparkOptimizer.Cli.Mcp;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`mcp`: serve the analysis tools to AI assistants over the Model Context Protocol (stdio), read-only.</summary>
public static class McpCommand
{
    public static Command Create(TextWriter stderr)
    {
        var history = new Option<FileInfo?>("--history") { Description = "SQLite run history (written by analyze --history) that the history tool may read a cohort from" };
        var command = new Command("mcp", "Serve analyze, explain_finding, whatif, compare_runs and history to an AI assistant over MCP (stdio); read-only") { history };
        command.SetAction((parse, cancellationToken) => McpServerHost.RunAsync(parse.GetValue(history), stderr, cancellationToken));
        return command;
    }
}
