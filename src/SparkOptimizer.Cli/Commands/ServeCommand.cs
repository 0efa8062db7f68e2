using System.CommandLine;
using SparkOptimizer.Cli.Mcp;
using SparkOptimizer.Dashboard;
using SparkOptimizer.Dashboard.Catalog;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.Hosting;
using SparkOptimizer.Mcp.RunHistory;
using SparkOptimizer.Pricing;

namespace SparkOptimizer.Cli.Commands;

/// <summary>
/// `serve DIR [--urls URL] [--instance-type T] [--history FILE]`: the read-only web dashboard over a folder of event logs, and
/// the MCP tools at /mcp confined to that folder (a remote caller cannot make it read anything else) and to that run history.
/// </summary>
public static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "Folder of event logs (each file or rolling folder is one run)" };
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => DashboardServer.DefaultUrl };
        var instanceType = new Option<string?>("--instance-type") { Description = "Node type the runs ran on, to price them (else core-hours are shown)" };
        var history = new Option<FileInfo?>("--history") { Description = "SQLite run history (written by analyze --history) that the MCP history tool may read a cohort from" };
        var command = new Command("serve", "Serve the web dashboard (fleet, runs, apps) and the MCP tools (at /mcp) over a folder of event logs") { folder, urls, instanceType, history };
        command.SetAction((parse, token) => ExecuteAsync(parse.GetValue(folder)!, parse.GetValue(urls)!, parse.GetValue(instanceType), stdout, stderr, token, parse.GetValue(history)));
        return command;
    }

    internal static async Task<int> ExecuteAsync(DirectoryInfo folder, string urls, string? instanceType, TextWriter stdout, TextWriter stderr, CancellationToken token, FileInfo? historyFile = null)
    {
        if (!folder.Exists)
        {
            await stderr.WriteLineAsync($"error: {folder.FullName}: no such folder").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var store = historyFile is null ? null : await McpHistoryFile.OpenAsync(historyFile, stderr, token).ConfigureAwait(false);
        if (historyFile is not null && store is null)
        {
            return ExitCodes.Usage;
        }

        await using (store)
        {
            return await ServeAsync(folder, urls, instanceType, store is null ? null : McpHistoryFile.Reader(store), stdout, token).ConfigureAwait(false);
        }
    }

    private static async Task<int> ServeAsync(DirectoryInfo folder, string urls, string? instanceType, RunHistoryReader? history, TextWriter stdout, CancellationToken token)
    {
        var options = new DashboardOptions
        {
            Cost = new CostOptions { InstanceType = instanceType },
            McpAccess = new FolderLogAccess([folder.FullName]),
            McpHistory = history,
        };
        await using var app = DashboardServer.Create(new FolderRunCatalog(folder.FullName), options, urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        await app.StartAsync(token).ConfigureAwait(false);
        foreach (var address in DashboardServer.Addresses(app))
        {
            await stdout.WriteLineAsync($"Dashboard for {folder.FullName} on {address} (Ctrl+C to stop)").ConfigureAwait(false);
            await stdout.WriteLineAsync($"MCP tools (Streamable HTTP, read-only, confined to that folder) at {address.TrimEnd('/')}{McpHttpEndpoint.Path}").ConfigureAwait(false);
        }

        await stdout.FlushAsync(token).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop below.
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
