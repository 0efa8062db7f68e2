namespace SparkOptimizer.Operator.Controllers;

/// <summary>One controller per kind (KubeOps' shape): reconcile the object named by a work-queue key.</summary>
public interface IController
{
    string Name { get; }

    /// <summary>Brings the world in line with the object's current state; throwing requeues the key with back-off.</summary>
    Task ReconcileAsync(string ns, string name, CancellationToken cancellationToken);
}
