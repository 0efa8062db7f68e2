using System.Text;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Html;

/// <summary>Every app: last run, duration, cost and trend, waste, worst finding, open PR, prediction accuracy; sortable and filterable.</summary>
public static class FleetPage
{
    public static string Render(FleetView fleet, string appTitle, string emptyText = "No runs: the folder holds no readable event logs.")
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var t = fleet.Totals;
        var sb = new StringBuilder();
        sb.Append("<h1>Fleet</h1>");
        sb.Append("<section class=\"stats\" aria-label=\"Fleet totals\">")
            .Append(Layout.Stat("Apps", t.Apps.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Layout.Stat("Runs", t.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Layout.Stat("Spend", t.Spend is null ? "not priced" : H.Money(t.Spend, t.Currency)))
            .Append(Layout.Stat("Spend per day", t.SpendPerDay is null ? "—" : H.Money(t.SpendPerDay, t.Currency)))
            .Append(Layout.Stat("Waste", t.Waste is null ? "—" : H.Money(t.Waste, t.Currency)))
            .Append(Layout.Stat("Core-hours", H.N(t.CoreHours, "0.##")))
            .Append(Layout.Stat("Saving proposed / run", t.SavingProposedPerRun is null ? "—" : H.Money(t.SavingProposedPerRun, t.Currency)))
            .Append(Layout.Stat("Saving verified / run", t.SavingVerifiedPerRun is null ? "—" : H.Money(t.SavingVerifiedPerRun, t.Currency)))
            .Append("</section>");
        if (t.WasteByCause.Count > 0)
        {
            sb.Append("<section class=\"stats\" aria-label=\"Fleet waste by cause\">");
            foreach (var (cause, amount) in t.WasteByCause.OrderByDescending(w => w.Value))
            {
                sb.Append(Layout.Stat("Waste: " + cause, H.Money(amount, t.Currency)));
            }

            sb.Append("</section>");
        }

        sb.Append("""
            <div class="toolbar"><label for="fleet-filter">Filter apps</label>
            <input id="fleet-filter" type="search" placeholder="name, finding…" data-filter="fleet-table" autocomplete="off"></div>
            <table id="fleet-table" class="data sortable">
            <caption class="sr">Apps, sortable by any column</caption>
            <thead><tr>
            """);
        foreach (var (name, type) in new[] { ("App", "text"), ("Runs", "num"), ("Last run", "text"), ("Duration", "num"), ("Cost per run", "num"), ("Trend", "num"), ("Waste", "num"), ("Saving proposed", "num"), ("Worst finding", "num"), ("Open PR", "text"), ("Prediction error", "num") })
        {
            sb.Append($"<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"sort\" data-type=\"{type}\">{H.E(name)}</button></th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var r in fleet.Rows)
        {
            var last = r.LastRun;
            var cost = last.Cost is null ? $"<span class=\"muted\">{H.N(last.CoreHours, "0.##")} core-h</span>" : H.Money(last.Cost, last.Currency);
            var waste = last.WasteCost is null ? $"<span class=\"muted\">{H.N(100 * last.WasteShare, "0")}% idle</span>" : H.Money(last.WasteCost, last.Currency);
            var worst = last.WorstFinding is null ? "<span class=\"muted\">none</span>" : $"{Layout.Severity(last.WorstSeverity)} {H.E(last.WorstFinding)}";
            var pr = r.OpenPullRequestUrl is null ? string.Empty : H.Link(r.OpenPullRequestUrl, "open PR");
            sb.Append("<tr>")
                .Append($"<td data-sort=\"{H.E(r.AppName)}\"><a href=\"/apps/{H.U(r.AppKey)}\">{H.E(r.AppName)}</a></td>")
                .Append($"<td data-sort=\"{r.Runs}\">{r.Runs}</td>")
                .Append($"<td data-sort=\"{H.E(last.StartTime?.ToString("o") ?? string.Empty)}\"><a href=\"/runs/{H.U(last.RunId)}\">{H.E(H.Time(last.StartTime))}</a></td>")
                .Append($"<td data-sort=\"{H.Key(last.DurationMs)}\">{H.E(H.Duration(last.DurationMs))}</td>")
                .Append($"<td data-sort=\"{H.Key((double?)last.Cost ?? last.CoreHours)}\">{cost}</td>")
                .Append($"<td data-sort=\"{H.Key(r.CostTrendPct)}\">{H.E(H.Percent(r.CostTrendPct))}</td>")
                .Append($"<td data-sort=\"{H.Key((double?)last.WasteCost ?? last.WasteShare)}\">{waste}</td>")
                .Append($"<td data-sort=\"{H.Key((double?)last.ProposedSaving)}\">{H.E(H.Money(last.ProposedSaving, last.Currency))}</td>")
                .Append($"<td data-sort=\"{(int)last.WorstSeverity}\">{worst}</td>")
                .Append($"<td data-sort=\"{H.E(r.OpenPullRequestUrl)}\">{pr}</td>")
                .Append($"<td data-sort=\"{H.Key(r.PredictionErrorPct)}\">{H.E(H.Percent(r.PredictionErrorPct))}</td>")
                .Append("</tr>");
        }

        sb.Append("</tbody></table>");
        if (fleet.Rows.Count == 0)
        {
            sb.Append($"<p class=\"muted\">{H.E(emptyText)}</p>");
        }

        return Layout.Page("Fleet", appTitle, sb.ToString());
    }
}
