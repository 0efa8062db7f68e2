using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Mcp;

/// <summary>`explain_finding`: one finding in full, with the stages, tasks and SQL nodes its numbers come from.</summary>
[McpServerToolType]
public sealed class ExplainFindingTool(ILogAccessPolicy access)
{
    public const string Name = "explain_finding";

    [McpServerTool(Name = Name, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Explain one finding of a Spark event log in full: every metric behind it, the stages (task-time distribution, " +
        "shuffle, spill, slowest tasks), the SQL query and plan node concerned, why it matters, what to change and what would NOT help. " +
        "Finding ids come from the analyze tool (e.g. 'skew.duration').")]
    public CallToolResult Explain(
        [Description("Path of the event log on the server (or an object-store / History Server URI where the server allows one)")] string path,
        [Description("The finding id, as returned by analyze")] string findingId,
        CancellationToken cancellationToken = default)
        => ToolResult.Run(() => ExplainBody(path, findingId, cancellationToken));

    private string ExplainBody(string path, string findingId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(findingId))
        {
            throw new McpException("findingId is required (see the ids that analyze returns)");
        }

        var report = RunLoader.LoadOne(path, access, cancellationToken: cancellationToken);
        var finding = report.Findings.FirstOrDefault(f => string.Equals(f.Id, findingId.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new McpException($"unknown finding id '{Model.InputBounds.Echo(findingId)}' for this log; its findings are: " +
                (report.Findings.Count == 0 ? "(none)" : string.Join(", ", report.Findings.Select(f => f.Id))));
        var root = ToolOutput.Envelope(Name);
        root["application"] = new JsonObject { ["id"] = report.Run.Application.Id, ["name"] = ToolOutput.Trim(report.Run.Application.Name, McpDefaults.ShortText) };
        root["finding"] = Full(finding);
        root["stages"] = ToolOutput.Array(Stages(report.Run, finding), StageDetail.ToJson);
        root["sql"] = ToolOutput.Array(SqlExecutions(report.Run, finding), e => Sql(e, finding));
        root["configChanges"] = ToolOutput.Array(
            report.ConfigChanges.Where(c => c.FindingIds.Contains(finding.Id, StringComparer.Ordinal)),
            c => RunJson.Change(c, McpDefaults.LongText));
        return ToolOutput.Serialize(root, "finding.evidence", "stages", "sql");
    }

    private static JsonObject Full(Finding f) => new()
    {
        ["id"] = f.Id,
        ["category"] = f.Category,
        ["severity"] = RunJson.Lower(f.Severity),
        ["title"] = ToolOutput.Trim(f.Title, McpDefaults.LongText),
        ["explanation"] = ToolOutput.Trim(f.Explanation, McpDefaults.LongText * 2),
        ["whatWouldNotHelp"] = ToolOutput.Trim(f.WhatWouldNotHelp, McpDefaults.LongText),
        ["expectedImprovement"] = ToolOutput.Trim(f.ExpectedImprovement, McpDefaults.LongText),
        ["stageIds"] = ToolOutput.Array(f.StageIds.Take(McpDefaults.MaxListed * 5), id => JsonValue.Create(id)),
        ["executorIds"] = ToolOutput.Array(f.ExecutorIds.Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
        ["sqlExecutionIds"] = ToolOutput.Array(f.SqlExecutionIds.Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
        ["evidence"] = ToolOutput.Array(f.Evidence.Take(McpDefaults.MaxEvidence), RunJson.Evidence),
        ["evidenceCount"] = f.Evidence.Count,
        ["recommendations"] = ToolOutput.Array(f.Recommendations, Recommendation),
    };

    private static JsonObject Recommendation(Analysis.Recommendation r) => new()
    {
        ["kind"] = RunJson.Lower(r.Kind),
        ["text"] = ToolOutput.Trim(r.Text, McpDefaults.LongText),
        ["change"] = r.Change is { } c ? new JsonObject { ["key"] = c.Key, ["from"] = c.From, ["to"] = c.To } : null,
        ["expectedImprovement"] = ToolOutput.Trim(r.ExpectedImprovement, McpDefaults.ShortText * 2),
        ["stageId"] = r.StageId,
        ["sqlExecutionId"] = r.SqlExecutionId,
        ["sqlNode"] = ToolOutput.Trim(r.SqlNode, McpDefaults.LongText / 2),
    };

    /// <summary>The finding's stages, else the stages its evidence points at; the final attempt of each.</summary>
    private static IEnumerable<StageInfo> Stages(SparkRun run, Finding f)
    {
        var ids = f.StageIds.Concat(f.Evidence.Where(e => e.StageId is not null).Select(e => e.StageId!.Value)).Distinct().ToHashSet();
        return RunJson.FinalAttempts(run).Where(s => ids.Contains(s.StageId)).OrderBy(s => f.StageIds.Contains(s.StageId) ? 0 : 1)
            .Take(McpDefaults.MaxStagesExplained);
    }

    private static IEnumerable<SqlExecution> SqlExecutions(SparkRun run, Finding f)
    {
        var ids = f.SqlExecutionIds.Concat(f.Recommendations.Where(r => r.SqlExecutionId is not null).Select(r => r.SqlExecutionId!.Value)).ToHashSet();
        return run.SqlExecutions.Where(e => ids.Contains(e.Id)).Take(McpDefaults.MaxSqlExecutions);
    }

    private static JsonObject Sql(SqlExecution e, Finding f)
    {
        var named = f.Recommendations.Where(r => r.SqlExecutionId == e.Id && r.SqlNode is not null).Select(r => r.SqlNode!).ToHashSet(StringComparer.Ordinal);
        var nodes = e.Nodes.Where(n => named.Contains(n.SimpleString) || named.Contains(n.NodeName)).Take(McpDefaults.DefaultTopN);
        return new JsonObject
        {
            ["id"] = e.Id,
            ["description"] = ToolOutput.Trim(e.Description, McpDefaults.LongText / 2),
            ["durationMs"] = e.DurationMs,
            ["jobIds"] = ToolOutput.Array(e.JobIds.Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
            ["error"] = ToolOutput.Trim(e.ErrorMessage, McpDefaults.ShortText),
            ["nodes"] = ToolOutput.Array(nodes, n => new JsonObject
            {
                ["name"] = n.NodeName,
                ["simpleString"] = ToolOutput.Trim(n.SimpleString, McpDefaults.LongText / 2),
                ["metrics"] = ToolOutput.Array(n.Metrics.Take(McpDefaults.MaxListed), m => new JsonObject { ["name"] = m.Name, ["type"] = m.MetricType, ["value"] = m.Value }),
            }),
        };
    }
}
