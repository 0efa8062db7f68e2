namespace SparkOptimizer.Operator.Watching;

/// <summary>A running watcher as the runtime sees it, whatever its entity type.</summary>
public interface IWatcher
{
    string Name { get; }

    bool Synced { get; }

    bool CrdMissing { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
