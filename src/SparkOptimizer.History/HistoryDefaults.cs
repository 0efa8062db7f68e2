namespace SparkOptimizer.History;

/// <summary>Defaults of the run history store, named in one place.</summary>
public static class HistoryDefaults
{
    /// <summary>Runs returned for a cohort when the caller names no limit (enough for an Ernest fit and trends).</summary>
    public const int CohortLimit = 500;

    /// <summary>Seconds a SQLite writer waits for another writer's lock before failing.</summary>
    public const int SqliteBusyTimeoutSeconds = 30;

    /// <summary>Key of the PostgreSQL advisory lock that serialises migrations across instances starting together.</summary>
    public const long MigrationLockKey = 0x5350_4F48_4953_54L;

    /// <summary>Two-sided coverage of the calibrator's interval (z = 1.2816).</summary>
    public const double PredictionIntervalLevel = 0.8;

    /// <summary>Spark properties left out of the recorded configuration: they change on every run and say nothing about tuning.</summary>
    public static IReadOnlySet<string> VolatileProperties { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "spark.app.id", "spark.app.name", "spark.app.startTime", "spark.app.submitTime", "spark.app.attempt.id",
        "spark.driver.host", "spark.driver.port", "spark.ui.proxyBase", "spark.eventLog.dir",
    };
}
