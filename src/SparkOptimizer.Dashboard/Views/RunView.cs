using SparkOptimizer.Analysis;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>Everything the run page draws, computed once per report: timeline, distributions, utilisation, memory, what-if, cost.</summary>
public sealed record RunView(
    string RunId,
    RunReport Report,
    long WallMs,
    IReadOnlyList<StageBar> Timeline,
    IReadOnlyList<StageDistribution> Distributions,
    IReadOnlyList<UtilisationSample> Utilisation,
    IReadOnlyList<MemoryBar> Memory,
    IReadOnlyList<WhatIfPoint> WhatIf,
    string? WhatIfError,
    CostReport Cost,
    IReadOnlyList<CostSlice> CostBreakdown)
{
    public static RunView Build(string runId, RunReport report, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var run = report.Run;
        var facts = RunFacts.From(run);
        var cost = CostModel.Price(run, options.Cost);
        IReadOnlyList<WhatIfPoint> whatIf = [];
        string? whatIfError = null;
        try
        {
            whatIf = WhatIfCurveBuilder.Build(run, options.Cost);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or ArithmeticException)
        {
            // One view that cannot be computed must not take the page down.
            whatIfError = ex.Message;
        }

        return new RunView(
            runId,
            report,
            facts.WallMs,
            TimelineBuilder.Build(run, facts.StartMs, facts.EndMs),
            DistributionBuilder.Build(run),
            UtilisationBuilder.Build(run, facts),
            MemoryBuilder.Build(run, facts),
            whatIf,
            whatIfError,
            cost,
            CostBreakdownBuilder.Build(cost));
    }
}
