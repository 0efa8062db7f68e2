namespace SparkOptimizer.Operator.Watching;

/// <summary>
/// How a watcher behaves: back-off, the slow poll while a CRD is missing, the server-side watch timeout, whether
/// to skip events whose generation did not change, and the report shared by all watchers so that a missing CRD is
/// logged once, not once per namespace or term.
/// </summary>
public sealed record WatcherSettings(Backoff Backoff, TimeSpan MissingCrdRetry, int? WatchTimeoutSeconds, CrdReport CrdReport, bool SkipUnchangedGeneration = false);
