using System.Text;

namespace SparkOptimizer.Publishing;

/// <summary>
/// Renders the single fleet summary (Renovate's "dependency dashboard"): pending, ignored, merged, verified and regressed
/// proposals. Deterministic and free of timestamps, so an unchanged fleet means an unchanged body and no write.
/// </summary>
public static class FleetSummaryMarkdown
{
    public const string Title = "Spark Optimizer: fleet summary";

    public static string Render(IEnumerable<ProposalSummary> proposals)
    {
        var byState = proposals.GroupBy(p => p.State).ToDictionary(g => g.Key, g => g.OrderBy(p => p.App, StringComparer.Ordinal).ToList());
        var sb = new StringBuilder("_Kept up to date by Spark Optimizer; edits here are overwritten._\n");
        foreach (var state in Enum.GetValues<ProposalState>())
        {
            var items = byState.GetValueOrDefault(state) ?? [];
            sb.Append("\n## ").Append(state).Append(" (").Append(items.Count).Append(")\n");
            if (items.Count == 0)
            {
                sb.Append("\nNone.\n");
                continue;
            }

            sb.Append("\n| app | pull request | fingerprint | note |\n|---|---|---|---|\n");
            foreach (var p in items)
            {
                var pr = p.PullRequestNumber is { } n ? (p.Url is null ? $"#{n}" : $"[#{n}]({p.Url})") : "-";
                sb.Append("| ").Append(Cell(p.App)).Append(" | ").Append(pr).Append(" | `").Append(p.Fingerprint ?? "-").Append("` | ").Append(Cell(p.Note ?? string.Empty)).Append(" |\n");
            }
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
