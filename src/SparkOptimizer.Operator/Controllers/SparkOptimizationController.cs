using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// The operator's own resource. Its watcher only passes on spec changes (generation moved), so status writes never
/// come back here. A spec change is acknowledged in status.observedGeneration; the new spec takes effect from the
/// app's next run.
/// </summary>
public sealed class SparkOptimizationController(
    ResourceCache<V1Alpha1SparkOptimization> cache, SparkOptimizationClient optimizations, ILogger<SparkOptimizationController> logger) : IController
{
    public string Name => ControllerNames.SparkOptimization;

    public async Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var optimization = cache.Get(ns, name);
        if (optimization?.Status is null || optimization.Status.ObservedGeneration == optimization.Metadata.Generation)
        {
            return;
        }

        logger.LogInformation("SparkOptimization {Namespace}/{Name} spec changed (generation {Generation})", ns, name, optimization.Metadata.Generation);
        await optimizations.UpdateStatusAsync(ns, name, current =>
        {
            if (current.Status is null || current.Status.ObservedGeneration == current.Metadata.Generation)
            {
                return null;
            }

            current.Status.ObservedGeneration = current.Metadata.Generation;
            return current.Status;
        }, cancellationToken);
    }
}
