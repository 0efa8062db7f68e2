using SparkOptimizer.Analysis;

namespace SparkOptimizer.Reporting;

/// <summary>Wording shared by the text and Markdown writers, so both say the same thing.</summary>
public static class ReportText
{
    public const string NoPrice = "unknown (no price book for this run)";

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

    public static string CostLine(RunReport report) => report.Cost is { } c ? $"{c.Format(c.CurrentPerRun)} ({c.PriceSource}, {c.PriceDate:yyyy-MM-dd})" : NoPrice;

    /// <summary>The COST OPTIMIZATION lines: money with its source when priced, else the run's executor-hours and core-hours.</summary>
    public static IEnumerable<string> CostLines(RunReport report)
    {
        var u = report.Usage;
        var shape = u.LocalMode
            ? $"local mode, {u.CoresPerExecutor} cores, {Fmt.Bytes(u.HeapBytesPerExecutor)} heap"
            : $"{u.Executors} executor{(u.Executors == 1 ? string.Empty : "s")} x {u.CoresPerExecutor} core{(u.CoresPerExecutor == 1 ? string.Empty : "s")} x {Fmt.Bytes(u.HeapBytesPerExecutor)} heap";
        if (report.Cost is { } c)
        {
            yield return $"Current: {c.CurrentShape} = {c.Format(c.CurrentPerRun)}/run ({c.PriceSource}, {c.PriceDate:yyyy-MM-dd})";
            if (c.RecommendedPerRun is { } r)
            {
                yield return $"Recommended: {c.RecommendedShape ?? "as configured below"} = {c.Format(r)}/run";
                var saved = c.CurrentPerRun - r;
                var pct = c.CurrentPerRun == 0 ? 0 : saved / c.CurrentPerRun;
                yield return $"Savings: {c.Format(saved)}/run ({pct:0%})";
            }
        }
        else
        {
            yield return $"Current: {shape}; cost unknown (no price book for this run)";
        }

        yield return $"Usage: {Fmt.D(u.ExecutorHours)} executor-hours, {Fmt.D(u.CoreHours)} core-hours held, {Fmt.D(u.BusyCoreHours)} core-hours of task time ({Fmt.Pct(u.BusyShare)} busy)";
        if (u.IdleCoreHours > 0 && u.CoreHours > 0)
        {
            yield return $"Waste: {Fmt.D(u.IdleCoreHours)} core-hours idle ({Fmt.Pct(u.IdleCoreHours / u.CoreHours)} of held), about {Fmt.D(u.DriverOnlyCoreHours)} of them while only the driver worked";
        }

        if (report.Sizing is { Changed: true } s && report.Cost is null)
        {
            var p = s.Proposed;
            yield return u.LocalMode
                ? $"Recommended: local mode, {Fmt.Bytes(p.HeapBytes)} driver heap; cost unknown"
                : $"Recommended: {(p.Instances is { } n ? $"{n} x " : string.Empty)}{p.Cores} core{(p.Cores == 1 ? string.Empty : "s")} x {Fmt.Bytes(p.HeapBytes)} heap + {Fmt.Bytes(p.OverheadBytes)} overhead per executor; cost unknown";
        }
    }
}
