namespace SparkOptimizer.Publishing;

/// <summary>Proposes a change set to the app's manifest in Git (a pull request on GitHub, a branch elsewhere). Idempotent: calling again with the same change set writes nothing.</summary>
public interface IManifestPublisher
{
    Task<PublishResult> PublishAsync(ManifestChangeSet changeSet, CancellationToken cancellationToken = default);
}
