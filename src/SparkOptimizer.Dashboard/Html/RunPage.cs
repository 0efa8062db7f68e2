using System.Text;
using SparkOptimizer.Dashboard.Svg;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Html;

/// <summary>One run: summary, stage timeline, findings, task distributions, utilisation, memory, what-if and cost breakdown.</summary>
public static class RunPage
{
    public static string Render(RunView view, string appKey, string appTitle)
    {
        ArgumentNullException.ThrowIfNull(view);
        var report = view.Report;
        var cost = view.Cost;
        var currency = cost.Cost?.Currency ?? "USD";
        var critical = view.Timeline.Count(b => b.Critical);
        var sb = new StringBuilder();
        sb.Append($"<h1>{H.E(report.JobName)} <span class=\"muted small\">run {H.E(view.RunId)}</span></h1>");
        sb.Append("<section class=\"stats\" aria-label=\"Run summary\">")
            .Append(Layout.Stat("Started", H.Time(report.Run.Application.StartTime)))
            .Append(Layout.Stat("Duration", H.Duration(report.Run.Application.ObservedSpanMs)))
            .Append(Layout.Stat("Cost", cost.Cost is { } money ? H.Money(money.Amount, money.Currency) : $"{H.N(cost.CoreHours, "0.##")} core-h (not priced)"))
            .Append(Layout.Stat("Waste", cost.TotalWaste is { } w ? H.Money(w.Amount, w.Currency) : "—"))
            .Append(Layout.Stat("Utilisation", H.N(100 * cost.Utilisation, "0") + "%"))
            .Append(Layout.Stat("Stages", view.Timeline.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Layout.Stat("Findings", report.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append("</section>");
        sb.Append($"<p class=\"links\"><a href=\"/apps/{H.U(appKey)}\">History of this app</a> · <a href=\"/api/runs/{H.U(view.RunId)}\">JSON report</a> · <a href=\"/api/runs/{H.U(view.RunId)}/views\">chart data (JSON)</a></p>");
        sb.Append($"<section aria-labelledby=\"h-timeline\"><h2 id=\"h-timeline\">Stage timeline</h2><p class=\"muted\">One bar per stage attempt; the {critical} stages on the critical path are <span class=\"key critical\">highlighted</span>, failed attempts are <span class=\"key failed\">red</span>.</p>{GanttChart.Render(view.Timeline, view.WallMs)}</section>");
        sb.Append(FindingsSection.Render(report.Findings));
        if (report.ConfigChanges.Count > 0)
        {
            sb.Append("<section aria-labelledby=\"h-conf\"><h2 id=\"h-conf\">Configuration changes</h2><pre class=\"conf\">");
            foreach (var c in report.ConfigChanges)
            {
                sb.Append(H.E($"{c.Key}={c.To}")).Append('\n');
            }

            sb.Append("</pre></section>");
        }

        sb.Append($"<section aria-labelledby=\"h-dist\"><h2 id=\"h-dist\">Task durations per stage</h2><p class=\"muted\">Box p25–p75, line at the median, tick at p95, whiskers to min and max (log scale).</p>{BoxPlotChart.Render(view.Distributions)}</section>");
        sb.Append($"<section aria-labelledby=\"h-util\"><h2 id=\"h-util\">Executor utilisation</h2>{UtilisationChart.Render(view.Utilisation)}</section>");
        sb.Append($"<section aria-labelledby=\"h-mem\"><h2 id=\"h-mem\">Memory against limits</h2>{MemoryNote(view)}{MemoryChart.Render(view.Memory)}</section>");
        sb.Append(WhatIfSection(view, currency));
        sb.Append(CostSection(view, currency));
        return Layout.Page(report.JobName, appTitle, sb.ToString(), $" › <a href=\"/apps/{H.U(appKey)}\">{H.E(report.JobName)}</a> › run");
    }

    private static string MemoryNote(RunView view) =>
        view.Memory.Any(m => m.PeakHeapBytes is not null || m.PeakRssBytes is not null)
            ? string.Empty
            : "<p class=\"muted\">This log records no executor memory peaks (Spark writes them from 3.0 on): only the limits are shown.</p>";

    private static string WhatIfSection(RunView view, string currency)
    {
        var sb = new StringBuilder("<section aria-labelledby=\"h-whatif\"><h2 id=\"h-whatif\">What-if: executor count</h2>");
        if (view.WhatIfError is { } error)
        {
            return sb.Append($"<p class=\"muted\">No prediction: {H.E(error)}</p></section>").ToString();
        }

        sb.Append(WhatIfChart.Render(view.WhatIf, currency));
        sb.Append("<table class=\"data\" aria-label=\"What-if predictions\"><thead><tr><th scope=\"col\">Executors</th><th scope=\"col\">Predicted</th><th scope=\"col\">Interval</th><th scope=\"col\">Executor-hours</th><th scope=\"col\">Cost</th></tr></thead><tbody>");
        foreach (var p in view.WhatIf)
        {
            sb.Append($"<tr{(p.Observed ? " class=\"observed\"" : string.Empty)}><td>{p.Executors}{(p.Observed ? " (observed)" : string.Empty)}</td><td>{H.E(H.Duration(p.DurationMs))}</td><td>{H.E(H.Duration(p.LowMs))} – {H.E(H.Duration(p.HighMs))}</td><td>{H.N(p.ExecutorHours, "0.###")}</td><td>{H.E(H.Money(p.Cost, currency))}</td></tr>");
        }

        return sb.Append("</tbody></table></section>").ToString();
    }

    private static string CostSection(RunView view, string currency)
    {
        var sb = new StringBuilder("<section aria-labelledby=\"h-cost\"><h2 id=\"h-cost\">Cost by cause</h2>");
        sb.Append($"<p class=\"muted\">{H.E(view.Cost.Summary())}</p>");
        sb.Append(CostBreakdownChart.Render(view.CostBreakdown));
        sb.Append("<table class=\"data\" aria-label=\"Cost by cause\"><thead><tr><th scope=\"col\">Cause</th><th scope=\"col\">Core-hours</th><th scope=\"col\">GiB-hours</th><th scope=\"col\">Share</th><th scope=\"col\">Money</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        foreach (var s in view.CostBreakdown)
        {
            sb.Append($"<tr><td>{H.E(s.Cause)}</td><td>{H.N(s.CoreHours, "0.###")}</td><td>{H.N(s.GiBHours, "0.###")}</td><td>{H.N(100 * s.Share, "0.#")}%</td><td>{H.E(H.Money(s.Cost, currency))}</td><td>{H.E(s.Explanation)}</td></tr>");
        }

        return sb.Append("</tbody></table></section>").ToString();
    }
}
