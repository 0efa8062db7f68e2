namespace SparkOptimizer.Pricing;

/// <summary>Every constant of the cost model, named in one place.</summary>
public static class PricingDefaults
{
    /// <summary>OpenCost's default CPU price (USD per vCPU-hour), used only for the ratio that splits a node's price.</summary>
    public const decimal OpenCostCpuHourly = 0.031611m;

    /// <summary>OpenCost's default RAM price (USD per GiB-hour), used only for the ratio that splits a node's price.</summary>
    public const decimal OpenCostRamGiBHourly = 0.004237m;

    /// <summary>Right-sizing aims for this share of paid cores busy with tasks while jobs run.</summary>
    public const double TargetCpuUtilisation = 0.75;

    /// <summary>Headroom over the highest memory an executor used, per core, when right-sizing.</summary>
    public const double MemoryHeadroom = 1.25;

    /// <summary>A stage tail counts as skew when its slowest task took this many times the median.</summary>
    public const double SkewTailRatio = 2.0;

    /// <summary>Spot: stages longer than this lose too much work when a node is reclaimed.</summary>
    public const long SpotMaxStageMs = 30 * 60 * 1000;

    /// <summary>Spot: shuffle written per paid core-hour above this (bytes) makes a lost node expensive to recompute.</summary>
    public const double SpotHeavyShuffleBytesPerCoreHour = 20.0 * 1024 * 1024 * 1024;

    /// <summary>spark.task.maxFailures default; fewer tolerated retries make spot risky.</summary>
    public const int DefaultTaskMaxFailures = 4;

    /// <summary>Score from which a run is called spot-suitable.</summary>
    public const double SpotSuitableScore = 0.6;

    /// <summary>Hours in an average month.</summary>
    public const double HoursPerMonth = 730;

    /// <summary>Days in an average month.</summary>
    public const double DaysPerMonth = 730 / 24.0;

    /// <summary>A cohort's runs say how often it runs only when its first and last start are at least this many days apart.</summary>
    public const double ScheduleMinSpanDays = 0.95;

    /// <summary>A cohort is judged for reserved capacity when it runs at least this often a day ("daily or more", with a cron's jitter).</summary>
    public const double ReservedMinRunsPerDay = 0.95;

    /// <summary>Spot per cohort: the score lost when every run failed, lost executors, or retried tasks or stages (scaled by the share of runs).</summary>
    public const double SpotCohortFailurePenalty = 0.3;

    public const double SpotCohortLossPenalty = 0.2;

    public const double SpotCohortRetryPenalty = 0.1;

    /// <summary>Spot per cohort: a history of this many clean runs (no failure, retry or loss) adds <see cref="SpotCohortCleanBonus"/>.</summary>
    public const int SpotCohortCleanRuns = 3;

    public const double SpotCohortCleanBonus = 0.1;

    /// <summary>Databricks SKU assumed for scheduled jobs when none is given.</summary>
    public const string DefaultDatabricksSku = "jobs-compute";

    /// <summary>Cores per executor assumed when right-sizing picks a new shape and the run's own size does not fit.</summary>
    public const int PreferredExecutorCores = 4;
}
