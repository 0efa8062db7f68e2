namespace SparkOptimizer.Operator.Watching;

/// <summary>How a watcher behaves: back-off, the slow poll while a CRD is missing, and the server-side watch timeout.</summary>
public sealed record WatcherSettings(Backoff Backoff, TimeSpan MissingCrdRetry, int? WatchTimeoutSeconds, bool SkipUnchangedGeneration = false);
