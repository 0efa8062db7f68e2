using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

/// <summary>
/// Cohorts built from a real event log: the run is replayed many times with input sizes drawn from 0.7-1.3 x the original and
/// multiplicative log-normal noise on duration (fixed seed), optionally with a merged change that shifts duration by a factor.
/// </summary>
internal static class ReplayedHistory
{
    public const string Log = "sparklint/spark_event_log_example";

    private static readonly Lazy<SparkRun> Real = new(() => new EventLogReader().Read(new LocalEventLogLocator().Locate(Corpus.Path(Log))[0]));

    public static SparkRun Run => Real.Value;

    public static CohortRun Base => CohortRun.From(Run);

    /// <summary>Runs 0..n-1; from <paramref name="changeAt"/> on they run under change "c1" with duration x <paramref name="effect"/>.</summary>
    public static List<CohortRun> Series(Random random, int n, double noiseSigma, int changeAt = int.MaxValue, double effect = 1.0, string? changeId = "c1")
    {
        var b = Base;
        var input = Math.Max(b.InputBytes, ByteSize.GiB);
        var runs = new List<CohortRun>();
        for (var i = 0; i < n; i++)
        {
            var size = 0.7 + (0.6 * random.NextDouble());
            var noise = Math.Exp(noiseSigma * Gaussian(random));
            var changed = i >= changeAt;
            var duration = (long)(b.DurationMs * size * noise * (changed ? effect : 1.0));
            runs.Add(b with { RunId = $"run-{i}", DurationMs = duration, InputBytes = (long)(input * size), ChangeId = changed ? changeId : null });
        }

        return runs;
    }

    public static double Gaussian(Random random)
    {
        // Box-Muller: two uniforms to one standard normal.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
