using SparkOptimizer.Reporting;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Cli.Commands;

/// <summary>
/// `analyze --cohort`: the runs given are treated as runs of jobs; each joins a cohort (the app name without its
/// timestamp suffix), the trust rails are applied with the whole cohort in view (memory floor from the highest peak, no
/// decrease near an OOM, low confidence while learning), and the cohort each run joined is said on stderr.
/// </summary>
public static class AnalyzeCohort
{
    public static List<RunReport> Apply(List<RunReport> reports, TextWriter stderr)
    {
        var cohorts = CohortGrouping.Group(reports.Select(r => r.Run));
        var byRun = new Dictionary<string, Cohort>(StringComparer.Ordinal);
        foreach (var cohort in cohorts)
        {
            var ids = cohort.Runs.Select(r => r.RunId).ToArray();
            stderr.WriteLine($"cohort {cohort.Key}: {cohort.State.ToString().ToLowerInvariant()}, {cohort.Runs.Count} run(s): {string.Join(", ", ids)}");
            foreach (var id in ids)
            {
                byRun[id] = cohort;
            }
        }

        return reports.Select(report =>
        {
            var id = report.Run.Application.Id ?? report.Run.Application.Name ?? "run";
            if (!byRun.TryGetValue(id, out var cohort))
            {
                return report;
            }

            var rails = SafetyRails.Apply(report.ConfigChanges, report.Run.Environment, cohort, ValidationContext.None);
            var notes = rails.LowConfidence
                ? rails.Notes.Prepend($"low confidence: cohort {cohort.Key} has {cohort.Runs.Count} run(s); memory is never lowered while it is learning")
                : rails.Notes;
            // spot and reserved capacity are judged on the cohort's runs, not this one alone
            var costs = reports.Where(r => byRun.TryGetValue(r.Run.Application.Id ?? r.Run.Application.Name ?? "run", out var c) && c == cohort)
                .Select(r => SparkOptimizer.Pricing.CohortRunCost.From(r.Run)).ToArray();
            return report with
            {
                ConfigChanges = rails.Changes,
                RecommendationNotes = [.. report.RecommendationNotes, .. notes],
                CostDetails = report.CostDetails is { } cost ? SparkOptimizer.Pricing.CohortCapacityAdvisor.WithCohort(cost, costs) : null,
            };
        }).ToList();
    }
}
