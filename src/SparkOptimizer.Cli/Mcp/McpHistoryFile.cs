using Microsoft.Data.Sqlite;
using SparkOptimizer.History;
using SparkOptimizer.Mcp.RunHistory;

namespace SparkOptimizer.Cli.Mcp;

/// <summary>
/// `mcp --history FILE` and `serve DIR --history FILE`: the SQLite run history `analyze --history` wrote, for the tools to
/// read. It must exist (the tools never create or write one); opening it applies pending schema migrations, as every
/// reader of the store does.
/// </summary>
internal static class McpHistoryFile
{
    /// <summary>The opened store, or null after a one-line error on <paramref name="stderr"/> (no such file, not a run history).</summary>
    public static async Task<SqliteRunHistoryStore?> OpenAsync(FileInfo file, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await stderr.WriteLineAsync($"error: --history {file.FullName}: no such file (write one with `analyze LOGS --history FILE`)").ConfigureAwait(false);
            return null;
        }

        try
        {
            return await SqliteRunHistoryStore.OpenAsync(file.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: --history {file.FullName}: {ex.Message.Split('\n')[0].Trim()}").ConfigureAwait(false);
            return null;
        }
    }

    public static RunHistoryReader Reader(SqliteRunHistoryStore store) =>
        new(store, $"the run history {store.Path} (a cohort is an app name without its timestamp suffix)");
}
