using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Which Spark features a run's version has, so no recommendation names a setting its Spark does not know.</summary>
public static class SparkVersions
{
    /// <summary>True when the run's Spark is at least major.minor; unknown versions count as new (Databricks and vendors often omit it).</summary>
    public static bool AtLeast(SparkRun run, int major, int minor) => PlatformDefaults.VersionAtLeast(run.Application.SparkVersion, major, minor);

    /// <summary>AQE with skew-join splitting and partition coalescing arrived in Spark 3.0.</summary>
    public static bool HasAqe(SparkRun run) => AtLeast(run, 3, 0);

    /// <summary>AQE as the run had it: the explicit setting, else its platform's default, else Spark's (on from 3.2).</summary>
    public static bool AqeOn(SparkRun run) => HasAqe(run) && PlatformDefaults.AdaptiveExecution(run);
}
