using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Analysis;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Mcp;

/// <summary>`analyze`: the run in brief, its worst findings with stage evidence, and the settings to change.</summary>
[McpServerToolType]
public sealed class AnalyzeTool(ILogAccessPolicy access)
{
    public const string Name = "analyze";

    [McpServerTool(Name = Name, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Analyse one Spark event log (file, .zip, compressed log or rolling folder): application summary, the top findings " +
        "(worst first) with the stages and numbers behind them, and the recommended Spark settings. Findings are paged: topN and offset. " +
        "Call explain_finding with a finding id for the full evidence.")]
    public CallToolResult Analyze(
        [Description("Path of the event log on the server (or an object-store / History Server URI where the server allows one)")] string path,
        [Description("How many findings to return (1-20, default 5)")] int topN = McpDefaults.DefaultTopN,
        [Description("Skip this many findings (paging; default 0)")] int offset = 0,
        CancellationToken cancellationToken = default)
        => ToolResult.Run(() => AnalyzeBody(path, topN, offset, cancellationToken));

    private string AnalyzeBody(string path, int topN, int offset, CancellationToken cancellationToken)
    {
        topN = ToolOutput.ClampTopN(topN);
        offset = ToolOutput.CheckOffset(offset);
        var report = RunLoader.LoadOne(path, access, cancellationToken: cancellationToken);
        var run = report.Run;
        var root = ToolOutput.Envelope(Name);
        root["application"] = RunJson.Application(run);
        root["source"] = RunJson.Source(run.Source);
        root["platform"] = new JsonObject { ["name"] = RunJson.Lower(run.Vendor.Platform), ["instanceType"] = run.Vendor.InstanceType };
        root["totals"] = RunJson.Totals(run.Totals);
        root["usage"] = RunJson.Usage(report.Usage);
        root["worstSeverity"] = RunJson.Lower(report.WorstSeverity);
        root["findings"] = ToolOutput.Page(Ranked(report), offset, topN, Brief);
        root["configChanges"] = ToolOutput.Array(report.ConfigChanges.Take(McpDefaults.MaxListed), c => RunJson.Change(c, McpDefaults.ShortText));
        root["slowestStages"] = ToolOutput.Array(
            RunJson.FinalAttempts(run).OrderByDescending(s => s.DurationMs ?? 0).Take(McpDefaults.DefaultTopN),
            RunJson.StageBrief);
        var warnings = run.Warnings.Select(w => w.ToString()).Concat(report.AnalysisWarnings).ToList();
        root["warnings"] = new JsonObject
        {
            ["count"] = warnings.Count,
            ["first"] = ToolOutput.Array(warnings.Take(McpDefaults.DefaultTopN), w => JsonValue.Create(ToolOutput.Trim(w, McpDefaults.ShortText))),
        };
        return ToolOutput.Serialize(root, "findings.items", "slowestStages", "configChanges");
    }

    /// <summary>Worst first; ties keep the engine's order.</summary>
    public static IReadOnlyList<Finding> Ranked(RunReport report) =>
        report.Findings.OrderByDescending(f => f.Severity).ToList();

    private static JsonObject Brief(Finding f) => new()
    {
        ["id"] = f.Id,
        ["category"] = f.Category,
        ["severity"] = RunJson.Lower(f.Severity),
        ["title"] = ToolOutput.Trim(f.Title, McpDefaults.ShortText * 2),
        ["stageIds"] = ToolOutput.Array(f.StageIds.Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
        ["stageCount"] = f.StageIds.Count,
        ["evidence"] = ToolOutput.Array(f.Evidence.Take(McpDefaults.EvidencePerFindingInSummary), e => new JsonObject
        {
            ["metric"] = e.Metric,
            ["display"] = ToolOutput.Trim(e.Display, McpDefaults.ShortText),
            ["stageId"] = e.StageId,
        }),
        ["evidenceCount"] = f.Evidence.Count,
        ["recommendation"] = ToolOutput.Trim(f.Recommendations.FirstOrDefault()?.Text, McpDefaults.ShortText),
    };
}
