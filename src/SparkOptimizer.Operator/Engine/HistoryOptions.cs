namespace SparkOptimizer.Operator.Engine;

/// <summary>Where the operator keeps its run history (section "Engine:History"): cohorts, proposals and verdicts outlive a restart there.</summary>
public sealed class HistoryOptions
{
    public const string ConnectionStringVariable = "SPARK_OPTIMIZER_HISTORY_CONNECTION";

    /// <summary>none (in-process only), sqlite (a file on the operator's volume) or postgres (connection string from the environment, i.e. a Secret).</summary>
    public string Provider { get; set; } = "none";

    /// <summary>The SQLite file, on a volume that outlives the pod for the history to outlive it.</summary>
    public string SqlitePath { get; set; } = "/var/lib/spark-optimizer/history.db";
}
