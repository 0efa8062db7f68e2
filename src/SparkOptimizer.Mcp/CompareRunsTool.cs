using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Model;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Mcp;

/// <summary>`compare_runs`: two runs of one job, side by side: conf, data and time, and stage by stage by stage name.</summary>
[McpServerToolType]
public sealed class CompareRunsTool(ILogAccessPolicy access)
{
    public const string Name = "compare_runs";

    [McpServerTool(Name = Name, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Compare two runs of the same Spark job (two event logs): what changed in configuration, in data (input, shuffle, spill) " +
        "and in time, then stage by stage, stages matched by name and order, largest time change first (paged with topN and offset). " +
        "Use it to answer 'why was today's run slower?'.")]
    public CallToolResult Compare(
        [Description("Event log of the earlier (reference) run")] string baselinePath,
        [Description("Event log of the run to explain")] string candidatePath,
        [Description("How many stage pairs to return (1-20, default 5)")] int topN = McpDefaults.DefaultTopN,
        [Description("Skip this many stage pairs (paging; default 0)")] int offset = 0,
        CancellationToken cancellationToken = default)
        => ToolResult.Run(() => CompareBody(baselinePath, candidatePath, topN, offset, cancellationToken));

    private string CompareBody(string baselinePath, string candidatePath, int topN, int offset, CancellationToken cancellationToken)
    {
        topN = ToolOutput.ClampTopN(topN);
        offset = ToolOutput.CheckOffset(offset);
        var a = RunLoader.LoadOne(baselinePath, access, "baselinePath", cancellationToken);
        var b = RunLoader.LoadOne(candidatePath, access, "candidatePath", cancellationToken);
        var root = ToolOutput.Envelope(Name);
        root["baseline"] = Side(a);
        root["candidate"] = Side(b);
        root["sameJob"] = string.Equals(a.Run.Application.Name, b.Run.Application.Name, StringComparison.Ordinal);
        root["time"] = Delta(a.Run.Application.DurationMs, b.Run.Application.DurationMs);
        root["data"] = new JsonObject
        {
            ["inputBytes"] = Delta(a.Run.Totals.InputBytes, b.Run.Totals.InputBytes),
            ["outputBytes"] = Delta(a.Run.Totals.OutputBytes, b.Run.Totals.OutputBytes),
            ["shuffleReadBytes"] = Delta(a.Run.Totals.ShuffleReadBytes, b.Run.Totals.ShuffleReadBytes),
            ["shuffleWriteBytes"] = Delta(a.Run.Totals.ShuffleWriteBytes, b.Run.Totals.ShuffleWriteBytes),
            ["spilledBytes"] = Delta(a.Run.Totals.DiskSpilledBytes + a.Run.Totals.MemorySpilledBytes, b.Run.Totals.DiskSpilledBytes + b.Run.Totals.MemorySpilledBytes),
            ["tasks"] = Delta(a.Run.Totals.Tasks, b.Run.Totals.Tasks),
            ["executorRunTimeMs"] = Delta(a.Run.Totals.ExecutorRunTimeMs, b.Run.Totals.ExecutorRunTimeMs),
        };
        root["conf"] = ConfDiff.ToJson(a.Run.Environment, b.Run.Environment);
        root["findings"] = Findings(a, b);
        var pairs = StagePair.Match(a.Run, b.Run);
        var both = pairs.Where(p => p.Baseline is not null && p.Candidate is not null).OrderByDescending(p => Math.Abs(p.DeltaMs)).ToList();
        var stages = ToolOutput.Page(both, offset, topN, Pair);
        stages["onlyInBaseline"] = Unmatched(pairs.Where(p => p.Candidate is null).Select(p => p.Baseline!));
        stages["onlyInCandidate"] = Unmatched(pairs.Where(p => p.Baseline is null).Select(p => p.Candidate!));
        root["stages"] = stages;
        return ToolOutput.Serialize(root, "stages.items", "conf.items");
    }

    private static JsonObject Side(RunReport r) => new()
    {
        ["path"] = r.Run.Source.Path,
        ["id"] = r.Run.Application.Id,
        ["name"] = ToolOutput.Trim(r.Run.Application.Name, McpDefaults.ShortText),
        ["startTime"] = RunJson.Time(r.Run.Application.StartTime),
        ["durationMs"] = r.Run.Application.DurationMs,
        ["stages"] = r.Run.Totals.Stages,
        ["executors"] = r.Usage.Executors,
        ["coresPerExecutor"] = r.Usage.CoresPerExecutor,
        ["findings"] = r.Findings.Count,
        ["worstSeverity"] = RunJson.Lower(r.WorstSeverity),
    };

    private static JsonObject Delta(long? a, long? b) => new()
    {
        ["baseline"] = a,
        ["candidate"] = b,
        ["delta"] = a is { } x && b is { } y ? y - x : null,
        ["deltaPct"] = a is > 0 and var x2 && b is { } y2 ? Math.Round((y2 - x2) * 100.0 / x2, 1) : null,
    };

    private static JsonObject Findings(RunReport a, RunReport b)
    {
        var ia = a.Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var ib = b.Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        return new JsonObject
        {
            ["onlyInBaseline"] = ToolOutput.Array(ia.Except(ib).Order(StringComparer.Ordinal).Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
            ["onlyInCandidate"] = ToolOutput.Array(ib.Except(ia).Order(StringComparer.Ordinal).Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
            ["inBoth"] = ToolOutput.Array(ia.Intersect(ib).Order(StringComparer.Ordinal).Take(McpDefaults.MaxListed), id => JsonValue.Create(id)),
        };
    }

    private static JsonObject Pair(StagePair p) => new()
    {
        ["name"] = ToolOutput.Trim(p.Name, McpDefaults.ShortText),
        ["occurrence"] = p.Occurrence,
        ["deltaMs"] = p.DeltaMs,
        ["baseline"] = Stage(p.Baseline!),
        ["candidate"] = Stage(p.Candidate!),
    };

    private static JsonObject Stage(StageInfo s)
    {
        var json = RunJson.StageBrief(s);
        json.Remove("name");
        json["spilledBytes"] = s.Tasks.MemorySpilledBytes.Sum + s.Tasks.DiskSpilledBytes.Sum;
        return json;
    }

    private static JsonObject Unmatched(IEnumerable<StageInfo> stages)
    {
        var list = stages.ToList();
        return new JsonObject
        {
            ["count"] = list.Count,
            ["first"] = ToolOutput.Array(list.Take(McpDefaults.DefaultTopN), s => new JsonObject { ["stageId"] = s.StageId, ["name"] = ToolOutput.Trim(s.Name, McpDefaults.ShortText), ["durationMs"] = s.DurationMs }),
        };
    }
}
