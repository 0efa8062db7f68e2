using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Model;
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
        var currentType = run.Vendor.InstanceType;
        if (!string.IsNullOrWhiteSpace(instanceType))
        {
            var observed = session.Observed;
            var plan = InstanceTypeChange.Plan(NodeShapeCatalog.LoadDefaults(), currentType, instanceType.Trim(),
                change.Executors ?? observed.Executors, change.CoresPerExecutor ?? observed.CoresPerExecutor, change.ExecutorMemory ?? observed.ExecutorMemory)
                ?? throw new McpException($"instanceType: unknown instance type '{InputBounds.Echo(instanceType)}' (the node catalogue is config/node-shapes.yaml)");
            change = change with { Executors = plan.Executors, CoresPerExecutor = plan.CoresPerExecutor, ExecutorMemory = plan.ExecutorMemory, SpeedFactor = plan.SpeedFactor };
        }

        if (change.OutOfBounds() is { } refused)
        {
            throw new McpException($"instanceType: the moved configuration is out of bounds: {refused}");
        }

        var targetType = string.IsNullOrWhiteSpace(instanceType) ? currentType : instanceType.Trim();
        var p = session.Predict(change);
        var baselineCost = currentType is null ? null : Price(currentType, session.BaselineReplay.ExecutorSeconds, session.Observed.CoresPerExecutor, session.Observed.ExecutorMemory);
        var predictedCost = targetType is null ? null : Price(targetType, p.ExecutorSeconds, p.Config.CoresPerExecutor, p.Config.ExecutorMemory);
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
            ["cost"] = Cost(predictedCost, p),
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

    /// <summary>Cost scales with executor time, so its interval is the duration interval's.</summary>
    private static JsonObject? Cost(Money? cost, Prediction p)
    {
        if (cost is not { } m)
        {
            return null;
        }

        var perMs = p.DurationMs > 0 ? m.Amount / p.DurationMs : 0;
        return new JsonObject
        {
            ["amount"] = Math.Round(m.Amount, 4),
            ["low"] = Math.Round(perMs * p.LowMs, 4),
            ["high"] = Math.Round(perMs * p.HighMs, 4),
            ["currency"] = m.Currency,
        };
    }

    private static Money? Price(string instanceType, double executorSeconds, int cores, ByteSize heap) =>
        CostModel.PriceExecutorHours(instanceType, executorSeconds / 3600.0, cores, CostModel.ExecutorMemoryRequest(heap));
}
