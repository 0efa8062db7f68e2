using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>The run's paid capacity split into used and each cause of waste; money where the run is priced.</summary>
public static class CostBreakdownBuilder
{
    public static IReadOnlyList<CostSlice> Build(CostReport cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var f = cost.Footprint;
        var useful = Math.Max(0, f.TaskCoreHours - f.FailedStageCoreHours);
        var slices = new List<CostSlice>
        {
            // useful work: what remains of the cost after every cause of waste, so that the slices add up to the cost
            new("Used by tasks", useful, 0, cost.UsefulCost?.Amount, f.CoreHours > 0 ? Math.Min(1, useful / f.CoreHours) : 0, "core-hours that ran tasks which were kept"),
        };
        slices.AddRange(cost.Waste.Select(w => new CostSlice(Label(w.Cause), w.CoreHours, w.GiBHours, w.Cost?.Amount, Finite(w.Share), w.Explanation)));
        return slices;
    }

    public static string Label(WasteCause cause) => ReportText.WasteName(cause) is var name ? char.ToUpperInvariant(name[0]) + name[1..] : string.Empty;

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
