using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// Prices replayed configurations of one run the way the report prices the run itself, so that a what-if at today's
/// configuration costs exactly the report's figure: the configuration's executor-hours and the driver at the run's
/// rates (the node's price split, or OpenCost's rates), or its nodes on node-billed platforms; another instance type at
/// that type's price. The replay's own error is taken out by scaling to the run's observed cost.
/// </summary>
public sealed class ConfigurationCost
{
    private readonly SparkRun _run;
    private readonly CostReport _cost;
    private readonly CostOptions _options;
    private readonly decimal _scale;

    private ConfigurationCost(SparkRun run, CostReport cost, CostOptions options, Money current, decimal scale)
    {
        _run = run;
        _cost = cost;
        _options = options;
        Current = current;
        _scale = scale;
    }

    /// <summary>The run's cost as the report gives it.</summary>
    public Money Current { get; }

    /// <summary>Null when the run has no money figure (pricing off) or its configuration cannot be priced.</summary>
    public static ConfigurationCost? For(SparkRun run, WhatIfSession session, CostReport cost, CostOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(cost);
        if (cost.Cost is not { } current)
        {
            return null;
        }

        var unscaled = new ConfigurationCost(run, cost, options, current, 1m);
        var baseline = unscaled.Raw(session.Predict(SimulationChange.None), null);
        return baseline is { Amount: > 0 } b ? new ConfigurationCost(run, cost, options, current, current.Amount / b.Amount) : null;
    }

    /// <summary>The prediction's cost, with its interval from the prediction's (cost follows the time the executors are held).</summary>
    public PricedPrediction? Price(Prediction prediction, string? instanceType = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        if (Raw(prediction, instanceType) is not { } raw || prediction.DurationMs <= 0)
        {
            return null;
        }

        var point = raw * _scale;
        return new PricedPrediction(point, point * (prediction.LowMs / (double)prediction.DurationMs), point * (prediction.HighMs / (double)prediction.DurationMs));
    }

    private Money? Raw(Prediction p, string? instanceType)
    {
        var config = p.Config;
        var executorHours = p.ExecutorSeconds / 3600;
        var hours = p.DurationMs / 3_600_000.0;
        if (instanceType is not null && !string.Equals(instanceType, _cost.InstanceType, StringComparison.Ordinal))
        {
            return CostModel.PriceConfiguration(_run, config.Executors, config.CoresPerExecutor, config.ExecutorMemory, executorHours, hours, _options with { InstanceType = instanceType });
        }

        if (_cost.Basis == CostBasis.PriceBook && _cost.InstanceType is { } type
            && CostModel.PriceConfiguration(_run, config.Executors, config.CoresPerExecutor, config.ExecutorMemory, executorHours, hours, _options with { InstanceType = type }) is { } priced)
        {
            return priced;
        }

        if (_cost.Rates is not { } rates)
        {
            return null;
        }

        var memory = CostModel.ExecutorMemoryRequest(config.ExecutorMemory, _run.Environment);
        var driver = FootprintCalculator.DriverMemoryRequest(_run.Environment);
        var driverCores = _run.Environment.GetInt("spark.driver.cores") ?? 1;
        return rates.Charge(executorHours * config.CoresPerExecutor, executorHours * memory.TotalGiB) + rates.Charge(driverCores * hours, driver.TotalGiB * hours);
    }
}
