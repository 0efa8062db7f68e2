using System.Reflection;
using ModelContextProtocol.Protocol;
using SparkOptimizer.Mcp.Access;

namespace SparkOptimizer.Mcp.Hosting;

/// <summary>What the server tells an assistant about itself, the same over stdio and HTTP.</summary>
public static class McpServerInfo
{
    public const string ServerName = "spark-optimizer";

    public const string Instructions =
        "Spark event-log analysis, read-only. Start with analyze on a log path; use explain_finding for one finding's full evidence, " +
        "whatif to predict a configuration change, compare_runs for two runs of one job, history for a folder of one job's runs. " +
        "Every answer is JSON with a schemaVersion and is bounded in size; lists are paged with topN and offset.";

    public static string InstructionsFor(ILogAccessPolicy access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return $"{Instructions} Logs this server may read: {access.Scope}.";
    }

    public static Implementation Implementation => new() { Name = ServerName, Version = Version };

    private static string Version =>
        typeof(McpServerInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
