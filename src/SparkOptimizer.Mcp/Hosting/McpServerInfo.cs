using System.Reflection;
using ModelContextProtocol.Protocol;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.RunHistory;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>What the server tells an assistant about itself, the same over stdio and HTTP.</summary>
public static class McpServerInfo
{
    public const string ServerName = "spark-optimizer";

    public const string Instructions =
        "Spark event-log analysis, read-only. Start with analyze on a log path; use explain_finding for one finding's full evidence, " +
        "whatif to predict a configuration change, compare_runs for two runs of one job, history for a folder of one job's runs or a cohort of the run history. " +
        "Every answer is JSON with a schemaVersion and is bounded in size; lists are paged with topN and offset.";

    public static string InstructionsFor(ILogAccessPolicy access, RunHistoryReader? history = null)
    {
        ArgumentNullException.ThrowIfNull(access);
        var runHistory = history is null
            ? "This server has no run history (history reads folders only)."
            : $"Run history (history with cohort): {history.Description}.";
        return $"{Instructions} Logs this server may read: {access.Scope}. {runHistory}";
    }

    public static Implementation Implementation => new() { Name = ServerName, Version = Version };

    private static string Version =>
        typeof(McpServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
