using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// A what-if question answered for every host alike (CLI, MCP): the prediction, today's cost as the report gives it,
/// the configuration's cost with its interval, the node type it runs on, and a note where the caller's executor count
/// was kept against the node type's default.
/// </summary>
public sealed record WhatIfAnswer(Prediction Prediction, Money? BaselineCost, PricedPrediction? Cost, string? InstanceType, string? Note)
{
    /// <summary>
    /// Replays <paramref name="change"/> (moved to <paramref name="instanceType"/> when given: its cores, memory and speed, never
    /// another executor count than the caller named) and prices it as analyze prices the run (<paramref name="pricing"/>: the
    /// host's pricing, default the run's node or OpenCost's rates). Null when the node type is unknown.
    /// </summary>
    public static WhatIfAnswer? Ask(WhatIfSession session, SimulationChange change, string? instanceType, Func<Prediction, Prediction>? calibrate = null, CostOptions? pricing = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(change);
        var run = session.Run;
        var currentType = run.Vendor.InstanceType ?? instanceType;
        string? note = null;
        if (instanceType is not null)
        {
            var observed = session.Observed;
            var plan = InstanceTypeChange.Plan(NodeShapeCatalog.LoadDefaults(), run.Vendor.InstanceType, instanceType,
                change.Executors ?? observed.Executors, change.CoresPerExecutor ?? observed.CoresPerExecutor, change.ExecutorMemory ?? observed.ExecutorMemory);
            if (plan is null)
            {
                return null;
            }

            if (change.Executors is { } given && given != plan.Executors)
            {
                note = $"{given} executors as given; keeping today's total cores on {instanceType} would take {plan.Executors}";
            }

            change = change with { Executors = change.Executors ?? plan.Executors, CoresPerExecutor = plan.CoresPerExecutor, ExecutorMemory = plan.ExecutorMemory, SpeedFactor = plan.SpeedFactor };
        }

        var prediction = session.Predict(change);
        prediction = calibrate is null ? prediction : calibrate(prediction);
        var options = pricing ?? new CostOptions { InstanceType = currentType };
        var pricer = ConfigurationCost.For(run, session, CostModel.Price(run, options), options);
        return new WhatIfAnswer(prediction, pricer?.Current, pricer?.Price(prediction, instanceType ?? currentType), instanceType ?? currentType, note);
    }
}
