using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// What the trust rails need from one run of a cohort: wall time, input size, the memory peak, how it failed, and which merged
/// change (configuration fingerprint) it ran under; null <see cref="ChangeId"/> is the configuration before any change of ours.
/// </summary>
public sealed record CohortRun(
    string RunId,
    DateTimeOffset? Start,
    long DurationMs,
    long InputBytes,
    long PeakMemoryBytes,
    RunFailureClass Failure,
    bool MemoryFailure,
    string? ChangeId)
{
    /// <summary>Cores per executor the run had: a memory peak is a floor only for executors of that many cores. Null when unknown.</summary>
    public int? ExecutorCores { get; init; }

    /// <summary>The run finished and every job succeeded (retried task failures allowed): only such runs time the configuration.</summary>
    public bool Succeeded { get; init; } = true;

    /// <summary>Duration per GiB of input (runs of one job read different amounts); the raw duration when no input is known.</summary>
    public double Normalised => InputBytes > 0 ? DurationMs / (InputBytes / (double)ByteSize.GiB) : DurationMs;

    public static CohortRun From(SparkRun run, string? operatorState = null, string? changeId = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var classification = RunFailureClassifier.Classify(run, operatorState);
        return new CohortRun(
            run.Application.Id ?? run.Application.Name ?? "run",
            run.Application.StartTime,
            run.Application.ObservedSpanMs ?? 0,
            run.Totals.InputBytes,
            PeakMemory(run),
            classification.Class,
            classification.MemoryFailure,
            changeId)
        {
            ExecutorCores = Cores(run),
            Succeeded = !run.Application.Incomplete && run.Jobs.All(j => j.Succeeded != false)
                && !(operatorState?.Contains("FAIL", StringComparison.OrdinalIgnoreCase) ?? false),
        };
    }

    /// <summary>Cores per executor: the conf, else the executors' own (the widest), else unknown.</summary>
    public static int? Cores(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Environment.GetInt("spark.executor.cores")
            ?? run.Executors.Where(e => !e.IsDriver && e.Cores > 0).Select(e => (int?)e.Cores).DefaultIfEmpty(null).Max();
    }

    /// <summary>The largest container footprint seen on one executor: process-tree RSS when sampled, else JVM heap plus off-heap.</summary>
    public static long PeakMemory(SparkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        long peak = 0;
        foreach (var e in run.Executors.Where(x => !x.IsDriver).DefaultIfEmpty(run.Driver).OfType<ExecutorInfo>())
        {
            var p = e.Peaks;
            var rss = (p.JvmRss ?? 0) + (p.PythonRss ?? 0) + (p.OtherRss ?? 0);
            var jvm = (p.JvmHeap ?? 0) + (p.JvmOffHeap ?? 0);
            peak = Math.Max(peak, Math.Max(rss, jvm));
        }

        return peak;
    }
}
