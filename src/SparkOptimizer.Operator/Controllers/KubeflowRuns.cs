using SparkOptimizer.Operator.Entities.Kubeflow;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>Reads a finished run from a Kubeflow SparkApplication's status.</summary>
public static class KubeflowRuns
{
    /// <summary>The finished run, or null while the app is not in COMPLETED, FAILED or SUBMISSION_FAILED.</summary>
    public static FinishedRun? From(V1Beta2SparkApplication app)
    {
        var status = app.Status;
        var state = status?.ApplicationState?.State;
        if (status is null || !(KubeflowApplicationStates.IsAnalysable(state) || KubeflowApplicationStates.IsInfrastructureFailure(state)))
        {
            return null;
        }

        var appId = string.IsNullOrWhiteSpace(status.SparkApplicationId) ? null : status.SparkApplicationId;

        // A FAILED app without a Spark app id never ran Spark code (the driver pod never started): nothing to tune.
        var infrastructure = KubeflowApplicationStates.IsInfrastructureFailure(state) || appId is null;
        var name = app.Metadata.Name;
        var runId = $"{name}:{appId ?? "submission-" + (status.SubmissionId ?? app.Metadata.Uid ?? "unknown")}";
        return new FinishedRun(
            runId,
            name,
            appId,
            state!,
            state == KubeflowApplicationStates.Completed,
            infrastructure,
            status.ApplicationState?.ErrorMessage,
            ToOffset(status.LastSubmissionAttemptTime),
            ToOffset(status.TerminationTime),
            new Dictionary<string, string>(app.Spec?.SparkConf ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            app);
    }

    /// <summary>The ScheduledSparkApplication that created this run, when it is one.</summary>
    public static string? ScheduledOwner(V1Beta2SparkApplication app) =>
        app.Metadata.OwnerReferences?
            .FirstOrDefault(o => o.Kind == V1Beta2ScheduledSparkApplication.EntityKind && o.ApiVersion.StartsWith(V1Beta2SparkApplication.Group + "/", StringComparison.Ordinal))?
            .Name;

    private static DateTimeOffset? ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind)).ToUniversalTime() : null;
}
