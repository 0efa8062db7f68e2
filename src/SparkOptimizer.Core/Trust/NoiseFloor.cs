using System.Globalization;

namespace SparkOptimizer.Trust;

/// <summary>
/// A cohort's run-to-run variation: the coefficient of variation of duration per GiB of input over the runs under the current
/// configuration (same merged change, finished successfully, no infrastructure failure). A pull request whose predicted gain is below
/// <see cref="TrustDefaults.NoiseMultiplier"/> x that variation would be indistinguishable from noise, so it is not opened.
/// </summary>
public sealed record NoiseFloor(double CoefficientOfVariation, int Runs, TrustDefaults Defaults)
{
    public bool Known => Runs >= Defaults.VerificationRuns;

    public double Threshold => Defaults.NoiseMultiplier * CoefficientOfVariation;

    public static NoiseFloor Estimate(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var usable = cohort.TimedRuns.ToArray();
        if (usable.Length == 0)
        {
            return new NoiseFloor(0, 0, cohort.Defaults);
        }

        var currentChange = usable[^1].ChangeId;
        var unchanged = usable.Where(r => r.ChangeId == currentChange).Select(r => r.Normalised).ToArray();
        return new NoiseFloor(Stats.Cv(unchanged), unchanged.Length, cohort.Defaults);
    }

    /// <summary>Predicted gain as a fraction of the current duration (0.15 = 15 % faster).</summary>
    public NoiseDecision ShouldOpenPullRequest(double predictedGain)
    {
        var pct = (double x) => (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
        if (!Known)
        {
            return new NoiseDecision(false, predictedGain, double.NaN, $"noise floor unknown: {Runs} unchanged run(s), {Defaults.VerificationRuns} needed");
        }

        return predictedGain < Threshold
            ? new NoiseDecision(false, predictedGain, Threshold, $"predicted gain {pct(predictedGain)} is below {Defaults.NoiseMultiplier:0.#} x the run-to-run variation ({pct(CoefficientOfVariation)} over {Runs} runs)")
            : new NoiseDecision(true, predictedGain, Threshold, $"predicted gain {pct(predictedGain)} clears {Defaults.NoiseMultiplier:0.#} x the run-to-run variation ({pct(CoefficientOfVariation)} over {Runs} runs)");
    }
}
