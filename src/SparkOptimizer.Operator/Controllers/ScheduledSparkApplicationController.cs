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
    RunPipeline pipeline,
    ILogger<ScheduledSparkApplicationController> logger) : IController
{
    public string Name => ControllerNames.KubeflowScheduledSparkApplication;

    public async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var schedule = schedules.Get(ns, name);
        if (schedule is null || !OptInAnnotations.IsEnabled(schedule.Metadata.Annotations))
        {
            return;
        }

        var target = OptimizationTarget.For(schedule.ApiVersion, V1Beta2ScheduledSparkApplication.EntityKind, schedule.Metadata);
        // a run waiting for its log does not hold up the schedule's other runs: the earliest wait is asked for at the end
        var waiting = new List<RequeueException>();
        foreach (var run in FinishedRuns(schedule))
        {
            try
            {
                await pipeline.HandleAsync(target, run, cancellationToken);
            }
            catch (RequeueException e)
            {
                waiting.Add(e);
            }
        }

        if (RequeueException.Earliest(waiting) is { } earliest)
        {
            throw earliest;
        }
    }

    private List<FinishedRun> FinishedRuns(V1Beta2ScheduledSparkApplication schedule)
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
            // runs live in the schedule's namespace, which is watched: the cache has them (a missing one was deleted)
            var app = applications.Get(ns, runName);
            if (app is null)
            {
                logger.LogDebug("Run {Namespace}/{Name} of a schedule is gone", ns, runName);
            }
            else if (KubeflowRuns.From(app) is { } run)
            {
                runs.Add(run);
            }
        }

        // oldest first, so that status.lastRun ends on the newest run
        return runs.OrderBy(r => r.Finished ?? DateTimeOffset.MinValue).ThenBy(r => r.RunName, StringComparer.Ordinal).ToList();
    }
}
