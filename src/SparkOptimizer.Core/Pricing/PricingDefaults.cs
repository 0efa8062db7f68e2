namespace SparkOptimizer.Pricing;

/// <summary>Every constant of the cost model, named in one place.</summary>
public static class PricingDefaults
{
    /// <summary>OpenCost's default CPU price (USD per vCPU-hour), used only for the ratio that splits a node's price.</summary>
    public const decimal OpenCostCpuHourly = 0.031611m;

    /// <summary>OpenCost's default RAM price (USD per GiB-hour), used only for the ratio that splits a node's price.</summary>
    public const decimal OpenCostRamGiBHourly = 0.004237m;

    /// <summary>spark.executor.memoryOverheadFactor default and its 384 MiB floor.</summary>
    public const double MemoryOverheadFactor = 0.10;

    public const long MinMemoryOverheadBytes = 384L * 1024 * 1024;

    public const long DefaultExecutorMemoryBytes = 1024L * 1024 * 1024;

    public const long DefaultDriverMemoryBytes = 1024L * 1024 * 1024;

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

    /// <summary>Databricks SKU assumed for scheduled jobs when none is given.</summary>
    public const string DefaultDatabricksSku = "jobs-compute";

    /// <summary>Cores per executor assumed when right-sizing picks a new shape and the run's own size does not fit.</summary>
    public const int PreferredExecutorCores = 4;
}
