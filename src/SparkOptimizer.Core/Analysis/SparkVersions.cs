using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Which Spark features a run's version has, so no recommendation names a setting its Spark does not know.</summary>
public static class SparkVersions
{
    /// <summary>True when the run's Spark is at least major.minor; unknown versions count as new (Databricks and vendors often omit it).</summary>
    public static bool AtLeast(SparkRun run, int major, int minor)
    {
        var text = run.Application.SparkVersion;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Split('.', '-');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ma) || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var mi))
        {
            return true;
        }

        return ma > major || (ma == major && mi >= minor);
    }

    /// <summary>AQE with skew-join splitting and partition coalescing arrived in Spark 3.0.</summary>
    public static bool HasAqe(SparkRun run) => AtLeast(run, 3, 0);

    /// <summary>AQE as the run had it: the explicit setting, else Spark's default (on from 3.2).</summary>
    public static bool AqeOn(SparkRun run) => HasAqe(run) && (run.Environment.GetBool("spark.sql.adaptive.enabled") ?? AtLeast(run, 3, 2));
}
