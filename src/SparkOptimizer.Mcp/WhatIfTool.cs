using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Mcp;

/// <summary>`whatif`: replay the run on changed settings; predicted duration and cost with an interval, and the model's own error.</summary>
[McpServerToolType]
public sealed class WhatIfTool(ILogAccessPolicy access)
{
    public const string Name = "whatif";

    [McpServerTool(Name = Name, ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Predict a Spark configuration change's effect before making it: replays the run's tasks on the changed settings and returns " +
        "the predicted duration with an 80 % interval, the cost (when the instance type has a price) and the baseline error of the replay " +
        "against the observed run. Supported keys: " + WhatIfChanges.SupportedList + ".")]
    public CallToolResult WhatIf(
        [Description("Path of the event log on the server (or an object-store / History Server URI where the server allows one)")] string path,
        [Description("Spark conf changes, key to value, e.g. {\"spark.executor.instances\":8,\"spark.executor.memory\":\"8g\"}; empty replays the run as it was")]
        Dictionary<string, JsonElement>? changes = null,
        [Description("Optional: move the executors to this node type (e.g. m5.2xlarge); cores, memory, speed and price come from the node catalogue")]
        string? instanceType = null,
        CancellationToken cancellationToken = default)
        => ToolResult.Run(() => WhatIfBody(path, changes, instanceType, cancellationToken));

    private string WhatIfBody(string path, Dictionary<string, JsonElement>? changes, string? instanceType, CancellationToken cancellationToken)
    {
        var change = WhatIfChanges.Parse(changes);
        var run = RunLoader.LoadOne(path, access, cancellationToken: cancellationToken).Run;
        var session = WhatIfSimulator.Prepare(run);
        if (change.OutOfBounds() is { } refused)
        {
            throw new McpException($"changes: out of bounds: {refused}");
        }

        var answer = WhatIfAnswer.Ask(session, change, string.IsNullOrWhiteSpace(instanceType) ? null : instanceType.Trim())
            ?? throw new McpException($"instanceType: unknown instance type '{InputBounds.Echo(instanceType)}' (the node catalogue is config/node-shapes.yaml)");
        var p = answer.Prediction;
        var targetType = answer.InstanceType;
        var baselineCost = answer.BaselineCost;
        var root = ToolOutput.Envelope(Name);
        root["application"] = new JsonObject { ["id"] = run.Application.Id, ["name"] = ToolOutput.Trim(run.Application.Name, McpDefaults.ShortText) };
        root["baseline"] = new JsonObject
        {
            ["observedMs"] = p.Baseline.ObservedMs,
            ["simulatedMs"] = p.Baseline.SimulatedMs,
            ["errorPct"] = p.Baseline.ErrorPct is { } e ? Math.Round(e, 2) : null,
            ["cost"] = baselineCost is { } bc ? Math.Round(bc.Amount, 4) : null,
        };
        root["prediction"] = new JsonObject
        {
            ["durationMs"] = p.DurationMs,
            ["low"] = p.LowMs,
            ["high"] = p.HighMs,
            ["changePct"] = p.ChangePct is { } c ? Math.Round(c, 2) : null,
            ["cost"] = Cost(answer.Cost),
            ["executorHours"] = Math.Round(p.ExecutorSeconds / 3600, 4),
            ["coreHours"] = Math.Round(p.CoreSeconds / 3600, 4),
            ["basis"] = p.Basis.ToString(),
        };
        root["config"] = new JsonObject
        {
            ["executors"] = p.Config.Executors,
            ["coresPerExecutor"] = p.Config.CoresPerExecutor,
            ["executorMemory"] = p.Config.ExecutorMemory.ToSparkString(),
            ["instanceType"] = targetType,
        };
        root["notes"] = ToolOutput.Array(p.Notes.Take(McpDefaults.MaxListed), n => JsonValue.Create(ToolOutput.Trim(n, McpDefaults.LongText / 2)));
        return ToolOutput.Serialize(root, "notes");
    }

    /// <summary>The configuration's cost with its interval (cost follows the time the executors are held).</summary>
    private static JsonObject? Cost(PricedPrediction? cost) => cost is null ? null : new JsonObject
    {
        ["amount"] = Math.Round(cost.Cost.Amount, 4),
        ["low"] = Math.Round(cost.Low.Amount, 4),
        ["high"] = Math.Round(cost.High.Amount, 4),
        ["currency"] = cost.Cost.Currency,
    };
}
