using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// Kubeflow ScheduledSparkApplications: the opt-in annotation is on the schedule, and each of its finished runs
/// (SparkApplications it owns, or named in its status) is processed into the schedule's one SparkOptimization.
/// </summary>
public sealed class ScheduledSparkApplicationController(
    ResourceCache<V1Beta2ScheduledSparkApplication> schedules,
    ResourceCache<V1Beta2SparkApplication> applications,
    IKubernetes client,
    RunPipeline pipeline,
    ILogger<ScheduledSparkApplicationController> logger) : IController
{
    public string Name => ControllerNames.KubeflowScheduledSparkApplication;

    public async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var schedule = schedules.Get(ns, name) ?? await ReadScheduleAsync(ns, name, cancellationToken);
        if (schedule is null || !OptInAnnotations.IsEnabled(schedule.Metadata.Annotations))
        {
            return;
        }

        var target = OptimizationTarget.For(schedule.ApiVersion, V1Beta2ScheduledSparkApplication.EntityKind, schedule.Metadata);
        foreach (var run in await FinishedRunsAsync(schedule, cancellationToken))
        {
            await pipeline.HandleAsync(target, run, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<FinishedRun>> FinishedRunsAsync(V1Beta2ScheduledSparkApplication schedule, CancellationToken cancellationToken)
    {
        var ns = schedule.Metadata.NamespaceProperty ?? "default";
        var status = schedule.Status;
        var named = new[] { status?.LastRunName }
            .Concat(status?.PastSuccessfulRunNames ?? [])
            .Concat(status?.PastFailedRunNames ?? [])
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => n!);
        var owned = applications.All(ns)
            .Where(a => a.Metadata.OwnerReferences?.Any(o => o.Uid == schedule.Metadata.Uid || (o.Kind == schedule.Kind && o.Name == schedule.Metadata.Name)) == true)
            .Select(a => a.Metadata.Name);

        var runs = new List<FinishedRun>();
        foreach (var runName in owned.Concat(named).Distinct(StringComparer.Ordinal))
        {
            var app = applications.Get(ns, runName) ?? await ReadRunAsync(ns, runName, cancellationToken);
            if (app is not null && KubeflowRuns.From(app) is { } run)
            {
                runs.Add(run);
            }
        }

        // oldest first, so that status.lastRun ends on the newest run
        return runs.OrderBy(r => r.Finished ?? DateTimeOffset.MinValue).ThenBy(r => r.RunName, StringComparer.Ordinal).ToList();
    }

    private async Task<V1Beta2SparkApplication?> ReadRunAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Beta2SparkApplication>(
                V1Beta2SparkApplication.Group, V1Beta2SparkApplication.Version, ns, V1Beta2SparkApplication.Plural, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            logger.LogDebug("Run {Namespace}/{Name} of a schedule is gone", ns, name);
            return null;
        }
    }

    private async Task<V1Beta2ScheduledSparkApplication?> ReadScheduleAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<V1Beta2ScheduledSparkApplication>(
                V1Beta2SparkApplication.Group, V1Beta2SparkApplication.Version, ns, V1Beta2ScheduledSparkApplication.Plural, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
