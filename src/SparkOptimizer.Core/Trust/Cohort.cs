namespace SparkOptimizer.Trust;

/// <summary>The runs of one logical job, oldest first, and what they say together: state, memory peak, recent memory failures.</summary>
public sealed class Cohort(string key, IReadOnlyList<CohortRun> runs, TrustDefaults? defaults = null)
{
    public string Key { get; } = key;

    public IReadOnlyList<CohortRun> Runs { get; } = runs;

    public TrustDefaults Defaults { get; } = defaults ?? TrustDefaults.Default;

    /// <summary>Runs that say something about the job: infrastructure failures say nothing about its conf.</summary>
    public IReadOnlyList<CohortRun> UsableRuns => Runs.Where(r => r.Failure != RunFailureClass.Infrastructure).ToArray();

    /// <summary>Runs whose duration says how fast the configuration is: usable, finished successfully, with a duration.</summary>
    public IReadOnlyList<CohortRun> TimedRuns => UsableRuns.Where(r => r.Succeeded && r.DurationMs > 0).ToArray();

    public CohortState State => UsableRuns.Count < Defaults.LearningRuns ? CohortState.Learning : CohortState.Established;

    /// <summary>Recommendations from a learning cohort are low-confidence (and never lower memory).</summary>
    public bool LowConfidence => State == CohortState.Learning;

    public long PeakMemoryBytes => Runs.Select(r => r.PeakMemoryBytes).DefaultIfEmpty(0).Max();

    /// <summary>The memory nothing may go below: highest peak x (1 + buffer).</summary>
    public long MemoryFloorBytes => (long)Math.Ceiling(PeakMemoryBytes * (1 + Defaults.MemoryBuffer));

    /// <summary>
    /// The highest peak among runs whose executors had <paramref name="cores"/> cores (a 4-core executor's peak is no floor for
    /// 1-core executors); runs of unknown shape count for every shape. Null cores: every run.
    /// </summary>
    public long PeakMemoryFor(int? cores) =>
        Runs.Where(r => cores is null || r.ExecutorCores is null || r.ExecutorCores == cores).Select(r => r.PeakMemoryBytes).DefaultIfEmpty(0).Max();

    /// <summary>The floor for executors of <paramref name="cores"/> cores: their shape's highest peak x (1 + buffer).</summary>
    public long MemoryFloorFor(int? cores) => (long)Math.Ceiling(PeakMemoryFor(cores) * (1 + Defaults.MemoryBuffer));

    /// <summary>Runs since the most recent OOM or container kill (0 = the latest run); null when there was none.</summary>
    public int? RunsSinceMemoryFailure
    {
        get
        {
            for (var i = Runs.Count - 1; i >= 0; i--)
            {
                if (Runs[i].MemoryFailure)
                {
                    return Runs.Count - 1 - i;
                }
            }

            return null;
        }
    }

    /// <summary>True while an OOM or container kill lies within the cool-down (the failing run and the next runs).</summary>
    public bool InMemoryCooldown => RunsSinceMemoryFailure is { } n && n < Defaults.OomCooldownRuns;

    /// <summary>Usable runs under the latest merged change (null when no change of ours has been merged yet).</summary>
    public int? RunsUnderLatestChange => UsableRuns.Count > 0 && UsableRuns[^1].ChangeId is { } latest
        ? UsableRuns.Reverse().TakeWhile(r => r.ChangeId == latest).Count()
        : null;

    /// <summary>
    /// True while the latest merged change has fewer usable runs than a learning cohort needs: one step down per merged change
    /// means the next step waits until the last one has been seen to hold.
    /// </summary>
    public bool AwaitingLatestChange => RunsUnderLatestChange is { } n && n < Defaults.LearningRuns;

    /// <summary>Merged changes the cohort has run under, in order of first appearance.</summary>
    public IReadOnlyList<string> MergedChanges => Runs.Select(r => r.ChangeId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    public string Describe() => $"cohort {Key}: {State.ToString().ToLowerInvariant()}, {UsableRuns.Count} run(s) used of {Runs.Count}";
}
