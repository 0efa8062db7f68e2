namespace SparkOptimizer.Simulation.Calibration;

/// <summary>Constants of the learned calibration, named in one place.</summary>
public static class CalibrationDefaults
{
    /// <summary>Runs of one app needed before its Ernest model is fitted (four coefficients, and something to spare).</summary>
    public const int MinErnestRuns = 6;

    /// <summary>Distinct slot counts needed: with one size, Ernest cannot tell fixed from per-machine cost.</summary>
    public const int MinErnestDistinctSlots = 3;

    /// <summary>Rows across apps needed before the residual model is trained.</summary>
    public const int MinResidualRows = 30;

    /// <summary>Folds of the out-of-fold residual estimate.</summary>
    public const int ResidualFolds = 3;

    /// <summary>Fixed seed for Microsoft.ML (deterministic training).</summary>
    public const int Seed = 20261127;

    public const int Trees = 100;

    public const int Leaves = 8;

    public const int MinExamplesPerLeaf = 3;

    public const double LearningRate = 0.1;

    /// <summary>z for an 80 % two-sided interval.</summary>
    public const double IntervalZ = 1.2816;

    /// <summary>Replay-only log-error spread assumed for an app with too little history to measure its own.</summary>
    public const double DefaultReplaySigma = 0.15;

    /// <summary>Runs of one app needed to measure the replay's own spread on that app.</summary>
    public const int MinRunsForSpread = 3;
}
