namespace SparkOptimizer.Operator.Processing;

/// <summary>
/// The run's event log was not found. <see cref="CanAppear"/>: it may still arrive (object stores receive it when the app stops,
/// History Servers poll), so the run is retried with back-off for a window; false when waiting cannot help (the location is
/// refused, the manifest turns event logging off or names no folder): the run is recorded as an error at once.
/// </summary>
public sealed class EventLogNotFoundException(string tried, bool canAppear) : Exception($"Event log not found (tried {tried})")
{
    public string Tried { get; } = tried;

    public bool CanAppear { get; } = canAppear;
}
