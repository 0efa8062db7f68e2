using SparkOptimizer.Pricing;

namespace SparkOptimizer.Dashboard.Views;

/// <summary>The run's paid capacity split into used and each cause of waste; money where the run is priced.</summary>
public static class CostBreakdownBuilder
{
    public static IReadOnlyList<CostSlice> Build(CostReport cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var f = cost.Footprint;
        var slices = new List<CostSlice>
        {
            new("Used by tasks", f.TaskCoreHours, 0, cost.Rates?.Charge(f.TaskCoreHours, 0).Round(4).Amount, f.CoreHours > 0 ? Math.Min(1, f.TaskCoreHours / f.CoreHours) : 0, "core-hours that ran tasks"),
        };
        slices.AddRange(cost.Waste.Select(w => new CostSlice(Label(w.Cause), w.CoreHours, w.GiBHours, w.Cost?.Amount, Finite(w.Share), w.Explanation)));
        return slices;
    }

    public static string Label(WasteCause cause) => cause switch
    {
        WasteCause.IdleCores => "Idle cores",
        WasteCause.DriverOnlyTime => "Driver-only time",
        WasteCause.SkewTail => "Skew tail",
        WasteCause.UnusedMemory => "Unused memory",
        _ => cause.ToString(),
    };

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
