using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Entities.Kubeflow;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// Kubeflow SparkApplications: a state switch over status.applicationState.state. A run created by a
/// ScheduledSparkApplication is handed to that app's controller (the SparkOptimization belongs to the schedule).
/// </summary>
public sealed class KubeflowSparkApplicationController(
    ResourceCache<V1Beta2SparkApplication> cache, RunPipeline pipeline, WorkQueue queue, ILogger<KubeflowSparkApplicationController> logger) : IController
{
    public string Name => ControllerNames.KubeflowSparkApplication;

    public async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var app = cache.Get(ns, name);
        if (app is null)
        {
            logger.LogDebug("SparkApplication {Namespace}/{Name} is gone", ns, name);
            return;
        }

        if (KubeflowRuns.ScheduledOwner(app) is { } schedule)
        {
            queue.Enqueue(new WorkKey(ControllerNames.KubeflowScheduledSparkApplication, ns, schedule));
            return;
        }

        if (!OptInAnnotations.IsEnabled(app.Metadata.Annotations))
        {
            return;
        }

        switch (app.Status?.ApplicationState?.State)
        {
            case KubeflowApplicationStates.Completed:
            case KubeflowApplicationStates.Failed:
            case KubeflowApplicationStates.SubmissionFailed:
                await OnFinishedAsync(app, cancellationToken);
                break;
            default:
                // submitted, running, pending rerun...: nothing to do until the run ends
                break;
        }
    }

    private async Task OnFinishedAsync(V1Beta2SparkApplication app, CancellationToken cancellationToken)
    {
        if (KubeflowRuns.From(app) is not { } run)
        {
            return;
        }

        var target = OptimizationTarget.For(app.ApiVersion, V1Beta2SparkApplication.EntityKind, app.Metadata);
        await pipeline.HandleAsync(target, run, cancellationToken);
    }
}
