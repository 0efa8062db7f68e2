using System.Text;
using SparkOptimizer.Dashboard.Svg;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Html;

/// <summary>The history of one app: duration and cost over its runs, merge markers, and a table of runs.</summary>
public static class AppPage
{
    public static string Render(AppView app, string appTitle)
    {
        ArgumentNullException.ThrowIfNull(app);
        var notes = app.Annotations;
        var sb = new StringBuilder($"<h1>{H.E(app.AppName)}</h1>");
        sb.Append("<section class=\"stats\" aria-label=\"App summary\">")
            .Append(Layout.Stat("Runs", app.Runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Layout.Stat("Last duration", H.Duration(app.Runs[^1].DurationMs)))
            .Append(Layout.Stat("Open PR", notes.OpenPullRequestUrl is null ? "—" : "yes"))
            .Append(Layout.Stat("Prediction error", notes.PredictionErrorPct is null ? "—" : H.Percent(notes.PredictionErrorPct)))
            .Append("</section>");
        sb.Append($"<section aria-labelledby=\"h-history\"><h2 id=\"h-history\">Runs over time</h2>{HistoryChart.Render(app.Runs, notes.Merges, notes.Predictions)}");
        if (notes.Merges.Count == 0)
        {
            sb.Append("<p class=\"muted\">No merged recommendations known for this app.</p>");
        }
        else
        {
            sb.Append("<ul class=\"merges\" aria-label=\"Merged recommendations\">");
            foreach (var m in notes.Merges.OrderBy(m => m.MergedAt))
            {
                var title = m.Url is null ? H.E(m.Title) : H.Link(m.Url, m.Title);
                sb.Append($"<li>Merged {H.E(H.Time(m.MergedAt))}: {title}</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</section>");
        sb.Append("<section aria-labelledby=\"h-runs\"><h2 id=\"h-runs\">Runs</h2><table class=\"data\" aria-label=\"Runs of this app\"><thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Run</th><th scope=\"col\">Duration</th><th scope=\"col\">Cost</th><th scope=\"col\">Findings</th><th scope=\"col\">Worst finding</th></tr></thead><tbody>");
        foreach (var r in app.Runs.Reverse())
        {
            var cost = r.Cost is null ? $"<span class=\"muted\">{H.N(r.CoreHours, "0.##")} core-h</span>" : H.Money(r.Cost, r.Currency);
            var worst = r.WorstFinding is null ? string.Empty : $"{Layout.Severity(r.WorstSeverity)} {H.E(r.WorstFinding)}";
            sb.Append($"<tr><td>{H.E(H.Time(r.StartTime))}</td><td><a href=\"/runs/{H.U(r.RunId)}\">{H.E(r.RunId)}</a></td><td>{H.E(H.Duration(r.DurationMs))}</td><td>{cost}</td><td>{r.Findings}</td><td>{worst}</td></tr>");
        }

        sb.Append("</tbody></table></section>");
        return Layout.Page(app.AppName, appTitle, sb.ToString(), $" › {H.E(app.AppName)}");
    }
}
