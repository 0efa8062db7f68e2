using System.Collections.Concurrent;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// The recent runs of each cohort (one logical job across Spark app ids), which the trust rails read: the memory peak
/// of the cohort, its OOMs, and its run-to-run noise. Bounded per cohort; rebuilt from new runs after a restart.
/// </summary>
public sealed class CohortMemory
{
    public const int RunsPerCohort = 50;

    private readonly ConcurrentDictionary<string, List<CohortRun>> _runs = new(StringComparer.Ordinal);

    /// <summary>Adds the run (once by id) and returns the cohort as it now stands.</summary>
    public Cohort Add(string key, CohortRun run)
    {
        var list = _runs.GetOrAdd(key, _ => []);
        lock (list)
        {
            var merged = Merge(list, run);
            list.Clear();
            list.AddRange(merged);
            return new Cohort(key, merged);
        }
    }

    /// <summary>The cohort's runs as they stand (a copy).</summary>
    public IReadOnlyList<CohortRun> Runs(string key)
    {
        if (!_runs.TryGetValue(key, out var list))
        {
            return [];
        }

        lock (list)
        {
            return list.ToArray();
        }
    }

    /// <summary>The runs with <paramref name="run"/> added (replacing one of the same id), oldest first, at most <see cref="RunsPerCohort"/>.</summary>
    public static CohortRun[] Merge(IEnumerable<CohortRun> runs, CohortRun run)
    {
        var list = runs.Where(r => r.RunId != run.RunId).Append(run).ToList();
        list.Sort((a, b) => Nullable.Compare(a.Start, b.Start));
        if (list.Count > RunsPerCohort)
        {
            list.RemoveAt(0);
        }

        return [.. list];
    }
}
