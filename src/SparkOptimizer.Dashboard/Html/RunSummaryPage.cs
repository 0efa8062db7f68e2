using System.Globalization;
using System.Text;
using SparkOptimizer.Dashboard.Views;

namespace SparkOptimizer.Dashboard.Html;

/// <summary>A run whose full report is not kept (the operator's older runs, runs analysed in a Job): what its summary holds, and why no more.</summary>
public static class RunSummaryPage
{
    public const string NotKept = "The full report of this run is not kept in the operator: it was analysed in a Kubernetes Job, or before the operator last restarted. The run history keeps its summary, shown here.";

    public static string Render(RunSummary run, string appTitle)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sb = new StringBuilder($"<h1>{H.E(run.AppName)} <span class=\"muted small\">run {H.E(run.RunId)}</span></h1>");
        sb.Append($"<p class=\"notice\" role=\"note\">{H.E(NotKept)}</p>");
        sb.Append("<section class=\"stats\" aria-label=\"Run summary\">")
            .Append(Layout.Stat("Started", H.Time(run.StartTime)))
            .Append(Layout.Stat("Duration", H.Duration(run.DurationMs)))
            .Append(Layout.Stat("Cost", run.Cost is null ? $"{H.N(run.CoreHours, "0.##")} core-h (not priced)" : H.Money(run.Cost, run.Currency)))
            .Append(Layout.Stat("Findings", run.Findings.ToString(CultureInfo.InvariantCulture)))
            .Append(Layout.Stat("Worst finding", run.WorstFinding is null ? "none" : $"{run.WorstSeverity}: {run.WorstFinding}"))
            .Append("</section>");
        sb.Append($"<p class=\"links\"><a href=\"/apps/{H.U(run.AppKey)}\">History of this app</a></p>");
        return Layout.Page(run.AppName, appTitle, sb.ToString(), $" › <a href=\"/apps/{H.U(run.AppKey)}\">{H.E(run.AppName)}</a> › run");
    }
}
