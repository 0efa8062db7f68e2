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

        // an attempt that ended (or, after a restart, the previous one) is processed; running attempts wait
        await OnFinishedAsync(app, cancellationToken);
    }

    private async Task OnFinishedAsync(V1SparkApplication app, CancellationToken cancellationToken)
    {
        var target = OptimizationTarget.For(app.ApiVersion, V1SparkApplication.EntityKind, app.Metadata);
        foreach (var run in ApacheRuns.From(app))
        {
            await pipeline.HandleAsync(target, run, cancellationToken);
        }
    }
}
