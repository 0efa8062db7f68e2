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
            list.RemoveAll(r => r.RunId == run.RunId);
            list.Add(run);
            list.Sort((a, b) => Nullable.Compare(a.Start, b.Start));
            if (list.Count > RunsPerCohort)
            {
                list.RemoveAt(0);
            }

            return new Cohort(key, list.ToArray());
        }
    }
}
