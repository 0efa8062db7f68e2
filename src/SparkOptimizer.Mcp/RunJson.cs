using System.Globalization;
using System.Text.Json.Nodes;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Mcp;

/// <summary>The pieces of a run that several tools show, with the field names of the CLI's JSON report.</summary>
public static class RunJson
{
    public static JsonObject Application(SparkRun run) => new()
    {
        ["id"] = run.Application.Id,
        ["attemptId"] = run.Application.AttemptId,
        ["name"] = ToolOutput.Trim(run.Application.Name, McpDefaults.ShortText),
        ["user"] = run.Application.User,
        ["sparkVersion"] = run.Application.SparkVersion,
        ["startTime"] = Time(run.Application.StartTime),
        ["endTime"] = Time(run.Application.EndTime),
        ["durationMs"] = run.Application.DurationMs,
        ["incomplete"] = run.Application.Incomplete,
    };

    public static JsonObject Source(RunSource source) => new()
    {
        ["path"] = source.Path,
        ["status"] = Lower(source.Status),
        ["codec"] = source.Codec,
        ["events"] = source.Events,
    };

    public static JsonObject Totals(RunTotals t) => new()
    {
        ["jobs"] = t.Jobs,
        ["stages"] = t.Stages,
        ["failedStages"] = t.FailedStages,
        ["tasks"] = t.Tasks,
        ["failedTasks"] = t.FailedTasks,
        ["executorRunTimeMs"] = t.ExecutorRunTimeMs,
        ["gcTimeMs"] = t.GcTimeMs,
        ["inputBytes"] = t.InputBytes,
        ["outputBytes"] = t.OutputBytes,
        ["shuffleReadBytes"] = t.ShuffleReadBytes,
        ["shuffleWriteBytes"] = t.ShuffleWriteBytes,
        ["memorySpilledBytes"] = t.MemorySpilledBytes,
        ["diskSpilledBytes"] = t.DiskSpilledBytes,
        ["executorsAdded"] = t.ExecutorsAdded,
    };

    public static JsonObject Usage(ResourceUsage u) => new()
    {
        ["executors"] = u.Executors,
        ["coresPerExecutor"] = u.CoresPerExecutor,
        ["heapBytesPerExecutor"] = u.HeapBytesPerExecutor,
        ["executorHours"] = Math.Round(u.ExecutorHours, 3),
        ["coreHours"] = Math.Round(u.CoreHours, 3),
        ["busyShare"] = Math.Round(u.BusyShare, 3),
        ["localMode"] = u.LocalMode,
    };

    /// <summary>One line per stage: enough to find it in the Spark UI and see what it moved.</summary>
    public static JsonObject StageBrief(StageInfo s) => new()
    {
        ["stageId"] = s.StageId,
        ["attemptId"] = s.AttemptId,
        ["name"] = ToolOutput.Trim(s.Name, McpDefaults.ShortText),
        ["status"] = Lower(s.Status),
        ["numTasks"] = s.NumTasks,
        ["durationMs"] = s.DurationMs,
        ["inputBytes"] = s.Tasks.InputBytes.Sum,
        ["shuffleReadBytes"] = s.Tasks.ShuffleReadBytes.Sum,
        ["shuffleWriteBytes"] = s.Tasks.ShuffleWriteBytes.Sum,
    };

    public static JsonObject Evidence(Evidence e) => new()
    {
        ["metric"] = e.Metric,
        ["value"] = Math.Round(e.Value, 4),
        ["unit"] = e.Unit,
        ["display"] = ToolOutput.Trim(e.Display, McpDefaults.ShortText),
        ["stageId"] = e.StageId,
        ["executorId"] = e.ExecutorId,
        ["taskId"] = e.TaskId,
    };

    public static JsonObject Change(ConfigChange c, int reasonLength) => new()
    {
        ["key"] = c.Key,
        ["from"] = c.From,
        ["to"] = c.To,
        ["reason"] = ToolOutput.Trim(c.Reason, reasonLength),
        ["findingIds"] = ToolOutput.Array(c.FindingIds.Take(McpDefaults.DefaultTopN), id => JsonValue.Create(id)),
        ["findingCount"] = c.FindingIds.Count,
    };

    public static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static string? Time(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The last attempt of each stage id, in stage-id order: what the run finally did.</summary>
    public static IReadOnlyList<StageInfo> FinalAttempts(SparkRun run) =>
        run.Stages.GroupBy(s => s.StageId).Select(g => g.MaxBy(s => s.AttemptId)!).OrderBy(s => s.StageId).ToList();
}
