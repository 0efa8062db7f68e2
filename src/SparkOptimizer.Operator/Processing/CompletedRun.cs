using k8s;
using k8s.Models;
using SparkOptimizer.Operator.Entities.Optimization;

namespace SparkOptimizer.Operator.Processing;

/// <summary>One finished run handed to <see cref="IRunProcessor"/>.</summary>
/// <param name="App">The opted-in app the SparkOptimization belongs to (a ScheduledSparkApplication for scheduled runs).</param>
/// <param name="Run">The resource that ran (the same as <paramref name="App"/> unless scheduled).</param>
/// <param name="RunId">The identity recorded in status.processedRuns.</param>
/// <param name="SparkAppId">Spark's application id (spark-…), when the run got that far.</param>
/// <param name="Outcome">The terminal state as the Spark operator wrote it (COMPLETED, FAILED, Succeeded …).</param>
/// <param name="Succeeded">Whether the run succeeded.</param>
/// <param name="EventLog">Where the run's event log should be, from spark.eventLog.dir and the app id.</param>
/// <param name="SparkConf">The app's spec.sparkConf (for scheduled runs, the template's).</param>
/// <param name="Annotations">The opted-in app's annotations.</param>
/// <param name="Spec">The SparkOptimization's spec (objective, SLA, thresholds, mode, manifest).</param>
/// <param name="Resource">The typed run object (a Kubeflow or Apache SparkApplication), for pod sizing.</param>
public sealed record CompletedRun(
    AppIdentity App,
    AppIdentity Run,
    string RunId,
    string? SparkAppId,
    string Outcome,
    bool Succeeded,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    EventLogLocation? EventLog,
    IReadOnlyDictionary<string, string> SparkConf,
    IReadOnlyDictionary<string, string> Annotations,
    SparkOptimizationSpec Spec,
    IKubernetesObject<V1ObjectMeta> Resource)
{
    /// <summary>The SparkOptimization the run is recorded on, when known.</summary>
    public AppIdentity? Optimization { get; init; }

    public long? DurationMs => Started is { } s && Finished is { } f && f >= s ? (long)(f - s).TotalMilliseconds : null;
}
