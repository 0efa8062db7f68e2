using System.Text.Json.Nodes;
using SparkOptimizer.Model;

namespace SparkOptimizer.Mcp;

/// <summary>A stage in full for explain_finding: task-time distribution, data moved, spill, GC and the slowest tasks.</summary>
public static class StageDetail
{
    public static JsonObject ToJson(StageInfo s)
    {
        var t = s.Tasks;
        var json = RunJson.StageBrief(s);
        json["details"] = ToolOutput.Trim(s.Details?.Split('\n')[0], McpDefaults.ShortText);
        json["sqlExecutionId"] = s.SqlExecutionId;
        json["failedTasks"] = t.FailedCount;
        json["speculativeTasks"] = t.SpeculativeCount;
        json["executorsUsed"] = t.DistinctExecutors;
        json["taskDurationMs"] = Spread(t.DurationMs);
        json["shuffleReadBytesPerTask"] = Spread(t.ShuffleReadBytes);
        json["inputBytesPerTask"] = Spread(t.InputBytes);
        json["memorySpilledBytes"] = t.MemorySpilledBytes.Sum;
        json["diskSpilledBytes"] = t.DiskSpilledBytes.Sum;
        json["gcTimeMs"] = t.GcTimeMs.Sum;
        json["executorRunTimeMs"] = t.RunTimeMs.Sum;
        json["fetchWaitMs"] = t.FetchWaitMs.Sum;
        json["slowestTasks"] = ToolOutput.Array(t.SlowestTasks.Take(3), task => new JsonObject
        {
            ["taskId"] = task.TaskId,
            ["index"] = task.Index,
            ["executorId"] = task.ExecutorId,
            ["durationMs"] = task.DurationMs,
            ["shuffleReadBytes"] = task.ShuffleReadBytes,
            ["inputBytes"] = task.InputBytes,
            ["spillBytes"] = task.SpillBytes,
        });
        json["failureReason"] = ToolOutput.Trim(s.FailureReason, McpDefaults.ShortText * 2);
        return json;
    }

    private static JsonObject Spread(Distribution d) => new()
    {
        ["min"] = d.Min,
        ["p50"] = d.P50,
        ["p90"] = d.P90,
        ["p99"] = d.P99,
        ["max"] = d.Max,
        ["exact"] = d.Exact,
    };
}
