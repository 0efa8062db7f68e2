using System.Globalization;

namespace SparkOptimizer.Model;

/// <summary>
/// The value a setting had on the run when its log does not carry it: the platform's own default where the detected
/// platform (<see cref="VendorInfo.Platform"/>) changes Apache Spark's, else Apache Spark's. The one place analysers,
/// pricing and the simulator (<c>SimulationConfig.FromRun</c>) read a default from; it lives in the model because the
/// simulator depends on nothing else. An explicit value in the log always wins: platforms write most of their defaults
/// into spark-defaults.conf, so these apply to logs whose environment lacks them (edited, filtered or partial logs).
/// <list type="bullet">
/// <item>Amazon EMR: spark.dynamicAllocation.enabled=true (emr-4.4.0 and later) with the shuffle service EMR configures;
/// spark.executor.memory and .cores from the core/task instance type, which EMR records as spark.emr.default.executor.*;
/// AQE on (EMR's runtime enables it, also on Spark 3.0/3.1 where Apache's default is off).</item>
/// <item>Dataproc: dynamic allocation and the external shuffle service on; executor cores and memory derived from the
/// machine type (written into spark-defaults.conf, so read from the log; no guess here when it lacks them).</item>
/// <item>Databricks: AQE on (Spark 3.0 and later runtimes); its autoscaling is not Spark's dynamic allocation.</item>
/// </list>
/// </summary>
public static class PlatformDefaults
{
    public const int ApacheShufflePartitions = 200;

    public const string DynamicAllocationKey = "spark.dynamicAllocation.enabled";
    public const string ShuffleServiceKey = "spark.shuffle.service.enabled";
    public const string AdaptiveKey = "spark.sql.adaptive.enabled";
    public const string ExecutorMemoryKey = "spark.executor.memory";
    public const string ExecutorCoresKey = "spark.executor.cores";
    public const string ShufflePartitionsKey = "spark.sql.shuffle.partitions";

    /// <summary>The setting's value as the run had it: the log's, else the platform's default, else null (Apache's own default applies).</summary>
    public static string? Get(SparkRun run, string key)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Environment.Get(key) ?? Default(run, key)?.Value;
    }

    /// <summary>The platform's default for <paramref name="key"/> where it differs from Apache Spark's, with the basis; null where Apache's holds.</summary>
    public static PlatformDefault? Default(SparkRun run, string key)
    {
        ArgumentNullException.ThrowIfNull(run);
        var env = run.Environment;
        switch (run.Vendor.Platform)
        {
            case Platform.Emr:
                return key switch
                {
                    DynamicAllocationKey or ShuffleServiceKey => new(key, "true", "Amazon EMR's spark-defaults (emr-4.4.0 and later)"),
                    ExecutorMemoryKey when env.Get("spark.emr.default.executor.memory") is { Length: > 0 } m => new(key, m, "spark.emr.default.executor.memory (EMR's value for the instance type)"),
                    ExecutorCoresKey when env.Get("spark.emr.default.executor.cores") is { Length: > 0 } c => new(key, c, "spark.emr.default.executor.cores (EMR's value for the instance type)"),
                    AdaptiveKey when VersionAtLeast(run.Application.SparkVersion, 3, 0) => new(key, "true", "Amazon EMR enables adaptive query execution by default"),
                    _ => null,
                };
            case Platform.Dataproc:
                return key is DynamicAllocationKey or ShuffleServiceKey ? new(key, "true", "Dataproc's cluster defaults") : null;
            case Platform.Databricks:
                return key == AdaptiveKey && VersionAtLeast(run.Application.SparkVersion, 3, 0) ? new(key, "true", "Databricks enables adaptive query execution by default") : null;
            default:
                return null;
        }
    }

    /// <summary>Dynamic allocation as the run had it (Apache's default: off).</summary>
    public static bool DynamicAllocation(SparkRun run) => GetBool(run, DynamicAllocationKey) ?? false;

    /// <summary>Adaptive query execution as the run had it (Apache's default: on from Spark 3.2; no AQE before 3.0 outside EMR's runtime).</summary>
    public static bool AdaptiveExecution(SparkRun run) => GetBool(run, AdaptiveKey) ?? VersionAtLeast(run.Application.SparkVersion, 3, 2);

    /// <summary>spark.sql.shuffle.partitions as the run had it (200 on every platform we know).</summary>
    public static int ShufflePartitions(SparkEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return env.GetInt(ShufflePartitionsKey) ?? ApacheShufflePartitions;
    }

    /// <summary>Executor heap as the run had it, or null where neither the log nor the platform says (Apache's 1g then).</summary>
    public static long? ExecutorMemoryBytes(SparkRun run) =>
        Get(run, ExecutorMemoryKey) is { } m && ByteSize.TryParse(m, out var b, ByteSize.MiB) ? b.Bytes : null;

    /// <summary>Executor cores as the run's conf or platform gave them, or null (the executors' registered cores then).</summary>
    public static int? ExecutorCores(SparkRun run) =>
        int.TryParse(Get(run, ExecutorCoresKey)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : null;

    /// <summary>A boolean setting as the run had it (the log's, else the platform's default), or null where neither says.</summary>
    public static bool? GetBool(SparkRun run, string key) => bool.TryParse(Get(run, key)?.Trim(), out var b) ? b : null;

    /// <summary>True when <paramref name="version"/> is at least major.minor; unknown versions count as new (Databricks and vendors often omit or rename them).</summary>
    public static bool VersionAtLeast(string? version, int major, int minor)
    {
        var parts = (version ?? string.Empty).Split('.', '-');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ma)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var mi))
        {
            return true;
        }

        return ma > major || (ma == major && mi >= minor);
    }
}

/// <summary>A platform's default for one setting and what it rests on (the platform's documentation or its own property).</summary>
public sealed record PlatformDefault(string Key, string Value, string Basis);
