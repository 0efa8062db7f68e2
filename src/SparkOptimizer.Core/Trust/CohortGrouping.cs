using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// Groups runs into cohorts (the CLI's <c>analyze --cohort DIR</c>): each run joins the cohort <see cref="CohortResolver"/> names,
/// runs ordered by start time, so the rails see the oldest first.
/// </summary>
public static class CohortGrouping
{
    public static IReadOnlyList<Cohort> Group(IEnumerable<SparkRun> runs, TrustDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs
            .GroupBy(r => CohortResolver.Resolve(null, null, r.Application.Name ?? r.Application.Id), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Cohort(g.Key, g.OrderBy(r => r.Application.StartTime ?? DateTimeOffset.MinValue).Select(r => CohortRun.From(r)).ToArray(), defaults))
            .ToArray();
    }
}
