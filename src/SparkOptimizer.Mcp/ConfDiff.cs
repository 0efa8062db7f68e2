using System.Text.Json.Nodes;
using SparkOptimizer.Model;

namespace SparkOptimizer.Mcp;

/// <summary>Spark properties that differ between two runs, leaving out the ones that differ on every run (ids, hosts, ports, times).</summary>
public static class ConfDiff
{
    private static readonly string[] VolatilePrefixes =
    [
        "spark.app.id", "spark.app.startTime", "spark.app.submitTime", "spark.app.attempt", "spark.driver.host", "spark.driver.port",
        "spark.driver.appUIAddress", "spark.ui.proxyBase", "spark.org.apache.hadoop.yarn.server.webproxy", "spark.executor.id",
        "spark.repl.class", "spark.kubernetes.driver.pod.name", "spark.kubernetes.executor.podNamePrefix", "spark.yarn.app.id",
        "spark.yarn.app.container.log.dir", "spark.blockManager.port", "spark.sql.warehouse.dir", "spark.eventLog.dir",
    ];

    public static IReadOnlyList<(string Key, string? Baseline, string? Candidate)> Diff(SparkEnvironment a, SparkEnvironment b) =>
        a.SparkProperties.Keys.Union(b.SparkProperties.Keys, StringComparer.Ordinal)
            .Where(k => !VolatilePrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Select(k => (Key: k, Baseline: a.Get(k), Candidate: b.Get(k)))
            .Where(d => !string.Equals(d.Baseline, d.Candidate, StringComparison.Ordinal))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();

    public static JsonObject ToJson(SparkEnvironment a, SparkEnvironment b)
    {
        var diff = Diff(a, b);
        return new JsonObject
        {
            ["changed"] = diff.Count,
            ["items"] = ToolOutput.Array(diff.Take(McpDefaults.MaxConfDiff), d => new JsonObject
            {
                ["key"] = d.Key,
                ["baseline"] = ToolOutput.Trim(d.Baseline, McpDefaults.ShortText),
                ["candidate"] = ToolOutput.Trim(d.Candidate, McpDefaults.ShortText),
            }),
        };
    }
}
