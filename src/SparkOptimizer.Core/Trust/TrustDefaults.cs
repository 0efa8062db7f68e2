namespace SparkOptimizer.Trust;

/// <summary>Issue 10's defaults in one place; each is overridable per app on the CRD.</summary>
public sealed record TrustDefaults
{
    public static TrustDefaults Default { get; } = new();

    /// <summary>A cohort is learning until it has this many usable (non-infrastructure) runs.</summary>
    public int LearningRuns { get; init; } = 3;

    /// <summary>Margin above the highest memory peak seen in the cohort.</summary>
    public double MemoryBuffer { get; init; } = 0.2;

    /// <summary>No memory decrease within this many runs of an OOM or container kill.</summary>
    public int OomCooldownRuns { get; init; } = 3;

    /// <summary>One step down: the largest share of the container memory one merged change may remove.</summary>
    public double MemoryStepDown { get; init; } = 0.25;

    /// <summary>A pull request needs a predicted gain of at least this many times the cohort's variation.</summary>
    public double NoiseMultiplier { get; init; } = 2.0;

    /// <summary>Confidence of the upper bound on the CV that sets the verification band (few runs give a poor spread).</summary>
    public double NoiseConfidence { get; init; } = 0.9;

    /// <summary>Standard errors of the difference of means a verdict needs beyond the noise band.</summary>
    public double VerifyStandardErrors { get; init; } = 1.645;

    /// <summary>Runs before and after together needed to call a change Verified (a regression is called with fewer).</summary>
    public int VerifyMinRuns { get; init; } = 10;

    /// <summary>Runs needed on each side of a merged change before it is judged.</summary>
    public int VerificationRuns { get; init; } = 3;

    /// <summary>A run is flagged when its normalised duration exceeds the baseline median by this many coefficients of variation.</summary>
    public double AlertSigmas { get; init; } = 3.0;

    /// <summary>
    /// Smallest relative slowdown the per-run watch flags: it is for gross regressions (a quiet cohort must not alert on a few percent,
    /// and a baseline of three runs gives a poor CV); smaller slowdowns are caught by <see cref="Verifier.Verify"/> after three runs.
    /// </summary>
    public double MinAlertSlowdown { get; init; } = 0.5;

    /// <summary>Unflagged runs the per-run watch needs before it judges a run (three give too poor a spread).</summary>
    public int WatchMinRuns { get; init; } = 5;

    /// <summary>How many recent runs form the baseline of the regression watch.</summary>
    public int BaselineWindow { get; init; } = 10;

    /// <summary>A prediction more than this factor away from the observed executor count or memory is extrapolated.</summary>
    public double ExtrapolationFactor { get; init; } = 2.0;

    /// <summary>How much an extrapolated prediction's interval is widened (each half-width times this).</summary>
    public double ExtrapolationWidening { get; init; } = 2.0;
}
