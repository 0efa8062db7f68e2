using System.Text;
using SparkOptimizer.Analysis;

namespace SparkOptimizer.Dashboard.Html;

/// <summary>Findings worst first; each is a disclosure whose summary opens its evidence and recommendations (works without script).</summary>
public static class FindingsSection
{
    public static string Render(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var sb = new StringBuilder("<section aria-labelledby=\"h-findings\"><h2 id=\"h-findings\">Findings</h2>");
        if (findings.Count == 0)
        {
            sb.Append("<p class=\"muted\">No findings: nothing in this run crossed a threshold.</p>");
        }

        sb.Append("<div class=\"findings\">");
        var i = 0;
        foreach (var f in findings.OrderByDescending(f => f.Severity))
        {
            i++;
            var stages = f.StageIds.Count == 0 ? string.Empty : $" <span class=\"muted\">stages {H.E(string.Join(", ", f.StageIds.Take(8)))}{(f.StageIds.Count > 8 ? "…" : string.Empty)}</span>";
            sb.Append($"<details class=\"finding\" id=\"finding-{i}\" data-finding=\"{H.E(f.Id)}\"><summary>{Layout.Severity(f.Severity)} <span class=\"finding-title\">{H.E(f.Title)}</span>{stages}</summary>");
            sb.Append("<div class=\"finding-body\">");
            sb.Append($"<p>{H.E(f.Explanation)}</p>");
            sb.Append($"<table class=\"data evidence\" aria-label=\"Evidence for {H.E(f.Title)}\"><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Value</th><th scope=\"col\">Where</th></tr></thead><tbody>");
            foreach (var e in f.Evidence)
            {
                var where = string.Join(", ", new[]
                {
                    e.StageId is { } s ? $"stage {s}" : null,
                    e.ExecutorId is { } x ? $"executor {x}" : null,
                    e.TaskId is { } t ? $"task {t}" : null,
                }.Where(w => w is not null));
                sb.Append($"<tr><td>{H.E(e.Metric)}</td><td>{H.E(e.Display)}</td><td>{H.E(where)}</td></tr>");
            }

            sb.Append("</tbody></table>");
            if (f.Recommendations.Count > 0)
            {
                sb.Append("<h3>Recommendations</h3><ul class=\"recs\">");
                foreach (var r in f.Recommendations)
                {
                    var change = r.Change is { } c ? $" <code>{H.E(c.Key)}={H.E(c.To)}</code>{(c.From is null ? string.Empty : $" <span class=\"muted\">(was {H.E(c.From)})</span>")}" : string.Empty;
                    var gain = r.ExpectedImprovement is null ? string.Empty : $" <span class=\"gain\">{H.E(r.ExpectedImprovement)}</span>";
                    sb.Append($"<li>{H.E(r.Text)}{change}{gain}</li>");
                }

                sb.Append("</ul>");
            }

            if (f.WhatWouldNotHelp is { } not)
            {
                sb.Append($"<p class=\"muted\">Would not help: {H.E(not)}</p>");
            }

            sb.Append("</div></details>");
        }

        return sb.Append("</div></section>").ToString();
    }
}
