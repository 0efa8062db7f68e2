using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Mcp.RunHistory;
using SparkOptimizer.Analysis;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Mcp;

/// <summary>
/// `history`: a folder of one job's logs as a cohort, runs ordered by start with their durations, settings and findings; or,
/// where the server has a run history, a cohort of it with its predictions, verifications and proposals.
/// </summary>
[McpServerToolType]
public sealed class HistoryTool(ILogAccessPolicy access, RunHistoryReader? history = null)
{
    public const string Name = "history";

    private static readonly string[] Settings =
    [
        "spark.executor.instances", "spark.executor.cores", "spark.executor.memory", "spark.sql.shuffle.partitions", "spark.dynamicAllocation.enabled",
    ];

    [McpServerTool(Name = Name, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("A job's runs as a cohort, ordered by start time, from one of two places. folder: a folder of its event logs, with " +
        "duration, key settings and findings counts, and the cohort's median and spread (pass jobName when the folder holds several jobs). " +
        "cohort: a cohort of the server's run history (where it has one), with each run's prediction and its verification, the cohort's " +
        "proposed changes, and how often the predicted intervals held; an unknown cohort's error lists the known ones. " +
        "Runs are paged (topN, offset; newest last).")]
    public Task<CallToolResult> History(
        [Description("Folder holding the job's event logs (or pass cohort)")] string? folder = null,
        [Description("Cohort of the run history, as it keeps it: the app name without its timestamp (CLI), namespace/app (operator)")] string? cohort = null,
        [Description("With folder: only runs whose application name is this (case-insensitive)")] string? jobName = null,
        [Description("How many runs to return (1-20, default 20)")] int topN = McpDefaults.MaxTopN,
        [Description("Skip this many runs (paging; default 0)")] int offset = 0,
        CancellationToken cancellationToken = default)
        => ToolResult.RunAsync(() => HistoryBodyAsync(folder, cohort, jobName, topN, offset, cancellationToken));

    private Task<string> HistoryBodyAsync(string? folder, string? cohort, string? jobName, int topN, int offset, CancellationToken cancellationToken)
    {
        var byFolder = !string.IsNullOrWhiteSpace(folder);
        var byCohort = !string.IsNullOrWhiteSpace(cohort);
        if (byFolder == byCohort)
        {
            throw new McpException(byFolder
                ? "pass folder or cohort, not both"
                : "pass folder (a folder of one job's event logs) or cohort (a cohort of the server's run history)");
        }

        if (byCohort && !string.IsNullOrWhiteSpace(jobName))
        {
            throw new McpException("jobName: only with folder; a cohort is one job already");
        }

        return byCohort
            ? CohortHistory.AnswerAsync(history, cohort!, topN, offset, cancellationToken)
            : Task.FromResult(FolderBody(folder!, jobName, topN, offset, cancellationToken));
    }

    private string FolderBody(string folder, string? jobName, int topN, int offset, CancellationToken cancellationToken)
    {
        topN = ToolOutput.ClampTopN(topN);
        offset = ToolOutput.CheckOffset(offset);
        var (reports, skipped, found) = RunLoader.LoadFolder(folder, access, cancellationToken: cancellationToken);
        var runs = reports
            .Where(r => string.IsNullOrWhiteSpace(jobName) || string.Equals(r.JobName, jobName.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Run.Application.StartTime ?? DateTimeOffset.MaxValue)
            .ToList();
        if (runs.Count == 0)
        {
            throw new McpException(reports.Count == 0
                ? $"folder: no readable Spark event log in '{Model.InputBounds.Echo(folder)}'" + (skipped.Count > 0 ? $" ({skipped[0]})" : string.Empty)
                : $"jobName: no run named '{Model.InputBounds.Echo(jobName)}'; the folder's jobs are: {string.Join(", ", reports.Select(r => r.JobName).Distinct().Take(McpDefaults.MaxListed))}");
        }

        var root = ToolOutput.Envelope(Name);
        root["mode"] = "folder";
        root["jobs"] = ToolOutput.Array(
            runs.GroupBy(r => r.JobName).OrderByDescending(g => g.Count()).Take(McpDefaults.MaxListed),
            g => new JsonObject { ["name"] = ToolOutput.Trim(g.Key, McpDefaults.ShortText), ["runs"] = g.Count() });
        root["cohort"] = Cohort(runs);
        root["runs"] = ToolOutput.Page(runs, offset, topN, Run);
        root["logsFound"] = found;
        root["logsRead"] = Math.Min(found, McpDefaults.MaxHistoryLogs);
        root["skipped"] = ToolOutput.Array(skipped.Take(McpDefaults.DefaultTopN), s => JsonValue.Create(ToolOutput.Trim(s, McpDefaults.ShortText)));
        root["predictions"] = "not recorded in a folder of logs: predictions and their verification come from a run history (pass cohort where the server has one)";
        return ToolOutput.Serialize(root, "runs.items", "jobs");
    }

    private static JsonObject Cohort(IReadOnlyList<RunReport> runs)
    {
        var durations = runs.Select(r => r.Run.Application.DurationMs).OfType<long>().Order().ToList();
        return new JsonObject
        {
            ["runs"] = runs.Count,
            ["firstStart"] = RunJson.Time(runs[0].Run.Application.StartTime),
            ["lastStart"] = RunJson.Time(runs[^1].Run.Application.StartTime),
            ["durationMs"] = durations.Count == 0 ? null : new JsonObject
            {
                ["min"] = durations[0],
                ["median"] = durations[durations.Count / 2],
                ["max"] = durations[^1],
            },
            ["latestVsMedianPct"] = durations.Count > 1 && runs[^1].Run.Application.DurationMs is { } last && durations[durations.Count / 2] > 0
                ? Math.Round((last - durations[durations.Count / 2]) * 100.0 / durations[durations.Count / 2], 1)
                : null,
        };
    }

    private static JsonObject Run(RunReport r)
    {
        var settings = new JsonObject();
        foreach (var key in Settings)
        {
            settings[key] = r.Run.Environment.Get(key);
        }

        return new JsonObject
        {
            ["path"] = r.Run.Source.Path,
            ["id"] = r.Run.Application.Id,
            ["name"] = ToolOutput.Trim(r.JobName, McpDefaults.ShortText),
            ["startTime"] = RunJson.Time(r.Run.Application.StartTime),
            ["durationMs"] = r.Run.Application.DurationMs,
            ["incomplete"] = r.Run.Application.Incomplete,
            ["executors"] = r.Usage.Executors,
            ["coresPerExecutor"] = r.Usage.CoresPerExecutor,
            ["settings"] = settings,
            ["tasks"] = r.Run.Totals.Tasks,
            ["inputBytes"] = r.Run.Totals.InputBytes,
            ["shuffleReadBytes"] = r.Run.Totals.ShuffleReadBytes,
            ["findings"] = r.Findings.Count,
            ["bySeverity"] = new JsonObject
            {
                ["critical"] = r.Findings.Count(f => f.Severity == Severity.Critical),
                ["severe"] = r.Findings.Count(f => f.Severity == Severity.Severe),
                ["moderate"] = r.Findings.Count(f => f.Severity == Severity.Moderate),
                ["low"] = r.Findings.Count(f => f.Severity == Severity.Low),
            },
            ["configChanges"] = r.ConfigChanges.Count,
        };
    }
}
