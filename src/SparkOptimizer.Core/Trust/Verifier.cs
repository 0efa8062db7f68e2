using System.Globalization;
using SparkOptimizer.Model;
using SparkOptimizer.Simulation;

namespace SparkOptimizer.Trust;

/// <summary>
/// Judges merged changes on the runs around them and watches each new run for a gross slowdown. Durations are normalised by input
/// size. A verdict needs the change to clear the noise band (<see cref="TrustDefaults.NoiseMultiplier"/> x the pooled coefficient of
/// variation, the CV taken at an upper confidence bound) by <see cref="TrustDefaults.VerifyStandardErrors"/> standard errors of the difference
/// of means, so a change inside the band is not called Verified by luck.
/// </summary>
public static class Verifier
{
    public static Verification Verify(Cohort cohort, string changeId)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var d = cohort.Defaults;
        var runs = cohort.TimedRuns.ToArray();
        var first = Array.FindIndex(runs, r => r.ChangeId == changeId);
        if (first < 0)
        {
            return new Verification(VerificationStatus.Pending, 0, 0, 0, 0, $"no run under change {changeId} yet");
        }

        var previous = first > 0 ? runs[first - 1].ChangeId : null;
        var before = runs.Take(first).Reverse().TakeWhile(r => r.ChangeId == previous).Take(d.BaselineWindow).Select(r => r.Normalised).ToArray();
        var after = runs.Skip(first).Where(r => r.ChangeId == changeId).Select(r => r.Normalised).ToArray();
        if (before.Length < d.VerificationRuns || after.Length < d.VerificationRuns)
        {
            return new Verification(VerificationStatus.Pending, 0, 0, before.Length, after.Length, $"{before.Length} run(s) before and {after.Length} after; {d.VerificationRuns} needed on each side");
        }

        // Log scale: noise is multiplicative, so the spread of log durations is the CV on both sides, whatever the change did to the mean.
        var lb = before.Select(x => Math.Log(x)).ToArray();
        var la = after.Select(x => Math.Log(x)).ToArray();
        var logChange = Stats.Mean(la) - Stats.Mean(lb);
        var change = Math.Exp(logChange) - 1;
        var pooledVar = ((Math.Pow(Stats.StdDev(lb), 2) * (lb.Length - 1)) + (Math.Pow(Stats.StdDev(la), 2) * (la.Length - 1))) / (lb.Length + la.Length - 2);
        var cv = Math.Sqrt(pooledVar);
        // Few runs give a poor spread: the band uses an upper confidence bound of the CV (chi-square on the pooled degrees of freedom).
        var df = before.Length + after.Length - 2;
        var band = d.NoiseMultiplier * cv * Math.Sqrt(df / ChiSquareQuantile(1 - d.NoiseConfidence, df));
        var se = cv * Math.Sqrt((1.0 / before.Length) + (1.0 / after.Length));
        var margin = band + (d.VerifyStandardErrors * se);
        string Pct(double x) => (x * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + " %";
        var text = $"{Pct(change)} per GiB over {after.Length} run(s) after against {before.Length} before; noise band ±{Pct(band).TrimStart('+')}";
        if (logChange < -margin && before.Length + after.Length < d.VerifyMinRuns)
        {
            // A gain is a claim and waits for enough runs; a regression is a risk and is reported as soon as it shows.
            return new Verification(VerificationStatus.Pending, change, band, before.Length, after.Length, $"{text}; looks faster, confirmed once {d.VerifyMinRuns} runs are in");
        }

        var status = logChange < -margin ? VerificationStatus.Verified : logChange > margin ? VerificationStatus.Regressed : VerificationStatus.Inconclusive;
        return new Verification(status, change, band, before.Length, after.Length, text);
    }

    /// <summary>
    /// Flags each run whose normalised duration exceeds the median of the previous unflagged runs (at least <see cref="TrustDefaults.WatchMinRuns"/>,
    /// up to <see cref="TrustDefaults.BaselineWindow"/>) by more than max(<see cref="TrustDefaults.AlertSigmas"/> standard deviations of the
    /// log duration, <see cref="TrustDefaults.MinAlertSlowdown"/>).
    /// </summary>
    public static IReadOnlyList<RegressionAlert> Watch(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var d = cohort.Defaults;
        var alerts = new List<RegressionAlert>();
        var baseline = new List<double>();
        for (var i = 0; i < cohort.Runs.Count; i++)
        {
            var run = cohort.Runs[i];
            if (run.Failure == RunFailureClass.Infrastructure || !run.Succeeded || run.DurationMs <= 0)
            {
                continue;
            }

            // Log scale: run-to-run noise is multiplicative, so a slowdown is a shift of the log duration.
            var x = Math.Log(run.Normalised);
            if (baseline.Count >= d.WatchMinRuns)
            {
                var window = baseline.TakeLast(d.BaselineWindow).ToArray();
                var threshold = Math.Max(d.AlertSigmas * Stats.StdDev(window), Math.Log(1 + d.MinAlertSlowdown));
                var excess = x - Stats.Median(window);
                if (excess > threshold)
                {
                    alerts.Add(new RegressionAlert(i, run.RunId, Math.Exp(excess) - 1, Math.Exp(threshold) - 1));
                    continue;
                }
            }

            baseline.Add(x);
        }

        return alerts;
    }

    /// <summary>
    /// The prediction's interval, marked extrapolated and widened when the predicted executor count or memory is more than
    /// <see cref="TrustDefaults.ExtrapolationFactor"/> away from what the run observed (either way).
    /// </summary>
    public static PredictedInterval Interval(Prediction prediction, SparkRun observed, TrustDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(observed);
        var executors = observed.WorkerExecutors.Count();
        var memory = ConfValueBytes(observed.Environment.Get("spark.executor.memory")) ?? ExecutorMemory.DefaultHeap;
        return Interval(prediction.DurationMs, prediction.LowMs, prediction.HighMs, executors, prediction.Config.Executors, memory, prediction.Config.ExecutorMemory.Bytes, defaults);
    }

    public static PredictedInterval Interval(long durationMs, long lowMs, long highMs, double observedExecutors, double predictedExecutors, double observedMemory, double predictedMemory, TrustDefaults? defaults = null)
    {
        var d = defaults ?? TrustDefaults.Default;
        bool Far(double o, double p) => o > 0 && p > 0 && Math.Max(o / p, p / o) > d.ExtrapolationFactor;
        if (!Far(observedExecutors, predictedExecutors) && !Far(observedMemory, predictedMemory))
        {
            return new PredictedInterval(durationMs, lowMs, highMs, false);
        }

        var low = durationMs - (long)((durationMs - lowMs) * d.ExtrapolationWidening);
        var high = durationMs + (long)((highMs - durationMs) * d.ExtrapolationWidening);
        return new PredictedInterval(durationMs, Math.Max(0, low), high, true);
    }

    /// <summary>
    /// The interval a cohort's next run should fall in: the simulator's interval says how wrong the model may be for one replay, not
    /// how much the job varies from run to run, so the cohort's variation (80 % two-sided: 1.28 x CV) is added in quadrature.
    /// </summary>
    public static PredictedInterval WithNoise(PredictedInterval interval, NoiseFloor floor, double z = 1.2816)
    {
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentNullException.ThrowIfNull(floor);
        if (!floor.Known || interval.DurationMs <= 0)
        {
            return interval;
        }

        double d = interval.DurationMs, noise = z * floor.CoefficientOfVariation;
        var low = Math.Sqrt(Math.Pow((d - interval.LowMs) / d, 2) + (noise * noise));
        var high = Math.Sqrt(Math.Pow((interval.HighMs - d) / d, 2) + (noise * noise));
        return interval with { LowMs = (long)Math.Max(0, d * (1 - low)), HighMs = (long)(d * (1 + high)) };
    }

    /// <summary>Share of verified runs whose observed duration fell inside the interval stated for them (goal: at least 0.8 for an 80 % interval).</summary>
    public static double Coverage(IEnumerable<(PredictedInterval Interval, long ObservedMs)> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var list = outcomes.ToArray();
        return list.Length == 0 ? double.NaN : list.Count(o => o.Interval.Contains(o.ObservedMs)) / (double)list.Length;
    }

    /// <summary>Wilson-Hilferty approximation of the chi-square quantile (good to a few percent from 2 degrees of freedom).</summary>
    internal static double ChiSquareQuantile(double p, int df)
    {
        var z = NormalQuantile(p);
        var a = 2.0 / (9 * df);
        return df * Math.Pow(1 - a + (z * Math.Sqrt(a)), 3);
    }

    /// <summary>Rational approximation of the standard normal quantile, enough for confidence levels.</summary>
    internal static double NormalQuantile(double p)
    {
        // Abramowitz and Stegun 26.2.23 (error below 4.5e-4).
        var q = p < 0.5 ? p : 1 - p;
        var t = Math.Sqrt(-2 * Math.Log(q));
        var x = t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
        return p < 0.5 ? -x : x;
    }

    private static long? ConfValueBytes(string? value) => ByteSize.TryParse(value, out var b, ByteSize.MiB) ? b.Bytes : null;
}
