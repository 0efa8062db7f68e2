namespace SparkOptimizer.Operator.Watching;

/// <summary>Adapts a typed watcher to <see cref="IWatcher"/>.</summary>
public sealed class WatcherHandle(string name, Func<CancellationToken, Task> run, Func<bool> synced, Func<bool> crdMissing) : IWatcher
{
    public string Name { get; } = name;

    public bool Synced => synced();

    public bool CrdMissing => crdMissing();

    public Task RunAsync(CancellationToken cancellationToken) => run(cancellationToken);
}
