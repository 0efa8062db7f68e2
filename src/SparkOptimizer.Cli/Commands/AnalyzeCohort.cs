using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
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
    public static List<RunReport> Analyze(IReadOnlyList<SparkRun> runs, AnalysisPipeline pipeline, HostContext host, TextWriter stderr)
    {
        var cohorts = CohortGrouping.Group(runs);
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

        return runs.Select(run =>
        {
            if (!byRun.TryGetValue(run.Application.Id ?? run.Application.Name ?? "run", out var cohort))
            {
                return pipeline.Analyze(run, host);
            }

            // spot and reserved capacity are judged on the cohort's runs, not this one alone
            var costs = runs.Where(r => byRun.TryGetValue(r.Application.Id ?? r.Application.Name ?? "run", out var c) && c == cohort)
                .Select(SparkOptimizer.Pricing.CohortRunCost.From).ToArray();
            return pipeline.Analyze(run, host with { Cohort = cohort, CohortCosts = costs });
        }).ToList();
    }
}
