using System.Text.Json.Nodes;
using SparkOptimizer.History;

namespace SparkOptimizer.Mcp.RunHistory;

/// <summary>A run and a proposal of the run history as `history` shows them, with the field names of the other tools.</summary>
public static class RunRecordJson
{
    public static JsonObject Run(RunRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new JsonObject
        {
            ["id"] = r.AppId,
            ["attemptId"] = r.Attempt.Length == 0 ? null : r.Attempt,
            ["startTime"] = RunJson.Time(r.StartedAt),
            ["durationMs"] = r.DurationMs,
            ["inputBytes"] = r.InputBytes,
            ["executors"] = r.Shape.Executors,
            ["coresPerExecutor"] = r.Shape.CoresPerExecutor,
            ["executorMemoryBytes"] = r.Shape.ExecutorMemoryBytes,
            ["shufflePartitions"] = r.Shape.ShufflePartitions,
            ["cost"] = r.Cost is { } cost ? new JsonObject { ["amount"] = Math.Round(cost, 4), ["currency"] = r.Currency } : null,
            ["findings"] = new JsonObject
            {
                ["total"] = r.Findings.Total,
                ["critical"] = r.Findings.Critical,
                ["severe"] = r.Findings.Severe,
                ["moderate"] = r.Findings.Moderate,
                ["low"] = r.Findings.Low,
                ["worst"] = RunJson.Lower(r.Findings.Worst),
                ["worstTitle"] = ToolOutput.Trim(r.Findings.WorstTitle, McpDefaults.ShortText),
            },
            ["prediction"] = Prediction(r.Prediction, IntervalCoverage.IsInside(r)),
            ["verification"] = new JsonObject
            {
                ["state"] = RunJson.Lower(r.Verification.State),
                ["verifiedAt"] = RunJson.Time(r.Verification.VerifiedAt),
                ["errorPct"] = r.Verification.ErrorPercent is { } e ? Math.Round(e, 2) : null,
                ["note"] = ToolOutput.Trim(r.Verification.Note, McpDefaults.ShortText),
            },
            ["changeId"] = r.Outcome?.ChangeId,
        };
    }

    public static JsonObject Proposal(ProposalRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var changes = new JsonObject();
        foreach (var (key, value) in p.Changes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Take(McpDefaults.MaxConfDiff))
        {
            changes[key] = ToolOutput.Trim(value, McpDefaults.ShortText);
        }

        return new JsonObject
        {
            ["fingerprint"] = p.Fingerprint,
            ["status"] = RunJson.Lower(p.Status),
            ["changes"] = changes,
            ["changeCount"] = p.Changes.Count,
            ["pullRequest"] = p.PullRequestNumber is null && p.PullRequestUrl is null ? null
                : new JsonObject { ["number"] = p.PullRequestNumber, ["url"] = p.PullRequestUrl },
            ["prediction"] = Prediction(p.Prediction, null),
            ["baselineDurationMs"] = p.BaselineDurationMs,
            ["proposedAt"] = RunJson.Time(p.ProposedAt),
            ["note"] = ToolOutput.Trim(p.Note, McpDefaults.ShortText),
        };
    }

    private static JsonObject? Prediction(PredictedRun? p, bool? inside)
    {
        if (p is null)
        {
            return null;
        }

        var json = new JsonObject
        {
            ["durationMs"] = p.DurationMs,
            ["low"] = p.LowMs,
            ["high"] = p.HighMs,
            ["intervalLevel"] = p.IntervalLevel,
            ["cost"] = p.Cost is { } c ? Math.Round(c, 4) : null,
            ["basis"] = p.Basis,
        };
        if (inside is { } fell)
        {
            json["inInterval"] = fell;
        }

        return json;
    }
}
