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
            whatIfError = Implausible(whatIf, facts.WallMs);
            if (whatIfError is not null)
            {
                whatIf = [];
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
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

    /// <summary>
    /// A replay that cannot reproduce the run at its own configuration (off by more than 5x) says nothing about other
    /// configurations: no curve is drawn then, and the page says why.
    /// </summary>
    internal static string? Implausible(IReadOnlyList<WhatIfPoint> curve, long wallMs)
    {
        if (curve.FirstOrDefault(p => p.Observed) is not { } observed || wallMs <= 0)
        {
            return null;
        }

        var ratio = observed.DurationMs / (double)wallMs;
        return ratio is > 5 or < 0.2
            ? $"the replay does not reproduce this run (it predicts {Html.H.Duration(observed.DurationMs)} at the observed configuration against {Html.H.Duration(wallMs)} observed), so no curve is drawn"
            : null;
    }
}
