using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Entities.Apache;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>Apache SparkApplications (spark.apache.org/v1): acts once an attempt reaches an outcome or terminal state.</summary>
public sealed class ApacheSparkApplicationController(
    ResourceCache<V1SparkApplication> cache, RunPipeline pipeline, ILogger<ApacheSparkApplicationController> logger) : IController
{
    public string Name => ControllerNames.ApacheSparkApplication;

    public async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var app = cache.Get(ns, name);
        if (app is null)
        {
            logger.LogDebug("Apache SparkApplication {Namespace}/{Name} is gone", ns, name);
            return;
        }

        if (!OptInAnnotations.IsEnabled(app.Metadata.Annotations))
        {
            return;
        }

        var state = app.Status?.CurrentState?.CurrentStateSummary;
        if (ApacheApplicationStates.IsOutcome(state) || ApacheApplicationStates.IsTerminated(state))
        {
            await OnFinishedAsync(app, cancellationToken);
        }

        // other states (submitted, starting, running, scheduled to restart): wait for the attempt to end
    }

    private async Task OnFinishedAsync(V1SparkApplication app, CancellationToken cancellationToken)
    {
        if (ApacheRuns.From(app) is not { } run)
        {
            return;
        }

        var target = OptimizationTarget.For(app.ApiVersion, V1SparkApplication.EntityKind, app.Metadata);
        await pipeline.HandleAsync(target, run, cancellationToken);
    }
}
