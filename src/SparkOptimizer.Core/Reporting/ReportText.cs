using SparkOptimizer.Analysis;
using SparkOptimizer.Pricing;

namespace SparkOptimizer.Reporting;

/// <summary>Wording shared by the text and Markdown writers, so both say the same thing.</summary>
public static class ReportText
{
    public static readonly Severity[] SectionOrder = [Severity.Critical, Severity.Severe, Severity.Moderate, Severity.Low];

    public static string Section(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL ISSUES:",
        Severity.Severe => "SEVERE ISSUES:",
        Severity.Moderate => "MODERATE ISSUES:",
        _ => "LOW SEVERITY ISSUES:",
    };

    public static string Duration(RunReport report) => DurationText.Format(report.Run.Application.DurationMs ?? report.Run.Application.ObservedSpanMs)
        + (report.Run.Application.Incomplete ? " (incomplete log)" : string.Empty);

    /// <summary>
    /// The "Cost:" line, always with a figure: money from the node's price with its source and date; else money at
    /// OpenCost's default rates, said so; else (pricing off) the run's core-hours and executor-hours.
    /// </summary>
    public static string CostLine(RunReport report) => report.Cost switch
    {
        { Basis: CostBasis.OpenCostDefaultRates } c => $"{c.Format(c.CurrentPerRun)} ({OpenCostBasis(c)}; name the node's instance type for its price)",
        { } c => $"{c.Format(c.CurrentPerRun)} ({c.PriceSource}, {c.PriceDate:yyyy-MM-dd})",
        null => $"{Fmt.D(report.Usage.CoreHours)} core-hours, {Fmt.D(report.Usage.ExecutorHours)} executor-hours ({(report.CostDetails is null ? "not priced" : "pricing off")})",
    };

    /// <summary>The COST OPTIMIZATION lines: money with its source, where the node type came from, the hours and the waste.</summary>
    public static IEnumerable<string> CostLines(RunReport report)
    {
        var u = report.Usage;
        var shape = u.ShapeText();
        if (report.Cost is { } c)
        {
            var basis = c.Basis == CostBasis.OpenCostDefaultRates ? OpenCostBasis(c) : $"{c.PriceSource}, {c.PriceDate:yyyy-MM-dd}";
            yield return $"Current: {c.CurrentShape} = {c.Format(c.CurrentPerRun)}/run ({basis})";
            if (c.RecommendedPerRun is { } r)
            {
                var runtime = c.RecommendedDurationMs is { } ms
                    ? $", predicted {Fmt.Ms(ms)} [{Fmt.Ms(c.RecommendedLowMs ?? ms)}, {Fmt.Ms(c.RecommendedHighMs ?? ms)}] (what-if replay)"
                    : string.Empty;
                var range = c.RecommendedLow is { } lo && c.RecommendedHigh is { } hi && lo != hi ? $" [{c.Format(lo)}, {c.Format(hi)}]" : string.Empty;
                yield return $"Recommended: {c.RecommendedShape ?? "as configured below"} = {c.Format(r)}/run{range}{runtime}";
                yield return c.SavingsPerRun is { } saved
                    ? $"Savings: {c.Format(saved)}/run ({(c.CurrentPerRun == 0 ? 0 : saved / c.CurrentPerRun):0%})"
                    : $"Savings: none claimed: the predicted cost ({(range.Length > 0 ? $"{c.Format(c.RecommendedLow!.Value)} to {c.Format(c.RecommendedHigh!.Value)}" : c.Format(r))}) does not lie below today's {c.Format(c.CurrentPerRun)}";
            }
        }
        else
        {
            yield return $"Current: {shape}; not priced";
        }

        if (NodeLine(report.CostDetails) is { } node)
        {
            yield return node;
        }

        yield return $"Usage: {Fmt.D(u.ExecutorHours)} executor-hours, {Fmt.D(u.CoreHours)} core-hours held, {Fmt.D(u.BusyCoreHours)} core-hours of task time ({Fmt.Pct(u.BusyShare)} busy)";
        if (u.IdleCoreHours > 0 && u.CoreHours > 0)
        {
            yield return $"Waste: {Fmt.D(u.IdleCoreHours)} core-hours idle ({Fmt.Pct(u.IdleCoreHours / u.CoreHours)} of held), about {Fmt.D(u.DriverOnlyCoreHours)} of them while only the driver worked";
        }

        if (WasteLine(report.CostDetails) is { } waste)
        {
            yield return waste;
        }

        if (SpotLine(report.CostDetails) is { } spot)
        {
            yield return spot;
        }

        if (report.CostDetails?.Reserved is { } reserved)
        {
            yield return $"Reserved: {reserved.Advice}";
        }

        if (report.Sizing is { Changed: true } s && report.Cost?.RecommendedPerRun is null)
        {
            var p = s.Proposed;
            var priced = report.Cost is null ? "; not priced" : string.Empty;
            yield return u.LocalMode
                ? $"Recommended: local mode, {Fmt.Bytes(p.HeapBytes)} driver heap{priced}"
                : $"Recommended: {(p.Instances is { } n ? $"{n} x " : string.Empty)}{p.Cores} core{(p.Cores == 1 ? string.Empty : "s")} x {Fmt.Bytes(p.HeapBytes)} heap + {Fmt.Bytes(p.OverheadBytes)} overhead per executor{priced}";
        }
    }

    /// <summary>
    /// "Waste by cause: idle cores $0.12, driver-only time $0.40, ...; useful work $1.10 (of $2.00)": the parts add up to the
    /// run's cost. Unpriced, the same causes in core-hours and GiB-hours.
    /// </summary>
    public static string? WasteLine(Pricing.CostReport? cost)
    {
        if (cost is null || cost.Waste.Count == 0)
        {
            return null;
        }

        if (cost is { Cost: { } total, UsefulCost: { } useful })
        {
            var parts = cost.Waste.Select(w => $"{WasteName(w.Cause)} {w.Cost!.Value}");
            return $"Waste by cause: {string.Join(", ", parts)}; useful work {useful} (of {total.Round(4)})";
        }

        var hours = cost.Waste.Select(w => w.Cause == WasteCause.UnusedMemory ? $"{WasteName(w.Cause)} {Fmt.D(w.GiBHours)} GiB-hours" : $"{WasteName(w.Cause)} {Fmt.D(w.CoreHours)} core-hours");
        return $"Waste by cause: {string.Join(", ", hours)} (not priced)";
    }

    /// <summary>"Spot: suitable (score 0.8, judged on 5 runs of the cohort); on spot $0.30/run, saves $0.70 (spot price: SOURCE (DATE)); REASON; …".</summary>
    public static string? SpotLine(Pricing.CostReport? cost)
    {
        if (cost is null || cost.Basis == CostBasis.Unpriced)
        {
            return null;
        }

        var s = cost.Spot;
        var on = cost.CohortRuns > 1 ? $", judged on {cost.CohortRuns} runs of the cohort" : string.Empty;
        var money = s is { SpotCost: { } spot, Savings: { } saved } ? $"; on spot {spot.Round()}/run, saves {saved.Round()}" : string.Empty;
        var dated = s.SpotPriceSource is { } source ? $" (spot price: {source})" : string.Empty;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Spot: {(s.Suitable ? "suitable" : "not suitable")} (score {s.Score:0.##}{on}){money}{dated}; {string.Join("; ", s.Reasons)}");
    }

    /// <summary>A cause of waste as the reports and the dashboard name it.</summary>
    public static string WasteName(WasteCause cause) => cause switch
    {
        WasteCause.IdleCores => "idle cores",
        WasteCause.DriverOnlyTime => "driver-only time",
        WasteCause.SkewTail => "skew tail",
        WasteCause.UnusedMemory => "unused memory",
        WasteCause.FailedAttempts => "failed attempts",
        _ => cause.ToString(),
    };

    /// <summary>"Node type: m5.4xlarge (from KEY); 4 workers (from KEY); driver m5.xlarge (from KEY); Databricks jobs-compute DBUs (TAG)".</summary>
    public static string? NodeLine(Pricing.CostReport? cost)
    {
        if (cost is not { Basis: CostBasis.PriceBook, InstanceType: { } type })
        {
            return null;
        }

        var parts = new List<string> { $"Node type: {type} (from {cost.InstanceTypeSource ?? "the run"})" };
        if (cost.Workers is { } workers)
        {
            parts.Add($"{workers} worker{(workers == 1 ? string.Empty : "s")} (from {cost.WorkersSource ?? "the run"})");
        }

        if (cost.DriverInstanceType is { } driver)
        {
            parts.Add($"driver {driver} (from {cost.DriverInstanceTypeSource ?? "the run"})");
        }

        if (cost.DatabricksSku is { } sku)
        {
            parts.Add($"Databricks {sku} DBUs ({cost.DatabricksSkuSource ?? "default"})"
                + (cost.DatabricksPhotonSource is { } photon ? $", Photon ({photon})" : string.Empty));
        }

        return string.Join("; ", parts);
    }

    private static string OpenCostBasis(ReportCost c) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"OpenCost default rates: {c.CpuRate}/vCPU-hour, {c.RamRate}/GiB-hour");
}
