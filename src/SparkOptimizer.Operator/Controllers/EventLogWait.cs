using System.Collections.Concurrent;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// How long a run's event log is waited for: object stores receive it when the app stops and History Servers poll, so a log not
/// found yet is looked for again with back-off (2^min(n,5) units plus jitter) until <see cref="Window"/> after the run finished
/// (after it was first looked for, when the run has no finish time). The window is measured from the run's own finish time, so a
/// restart neither shortens nor prolongs it.
/// </summary>
public sealed class EventLogWait(TimeSpan window, Backoff backoff)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset FirstLooked, int Attempts)> waiting = new();

    public TimeSpan Window { get; } = window;

    /// <summary>Records one more look for the run's log and says whether to look again, and when.</summary>
    public EventLogWaitStep Next(string runKey, DateTimeOffset? finished, DateTimeOffset now)
    {
        var entry = waiting.AddOrUpdate(runKey, _ => (now, 1), (_, e) => (e.FirstLooked, e.Attempts + 1));
        var deadline = (finished ?? entry.FirstLooked) + Window;
        if (now >= deadline)
        {
            waiting.TryRemove(runKey, out _);
            return new EventLogWaitStep(entry.Attempts, deadline, null);
        }

        var delay = backoff.Delay(entry.Attempts);
        return new EventLogWaitStep(entry.Attempts, deadline, delay < deadline - now ? delay : deadline - now);
    }

    /// <summary>The run's log was found, or the run was recorded otherwise: forget its looks.</summary>
    public void Done(string runKey) => waiting.TryRemove(runKey, out _);
}

/// <summary>One look for a run's log: its number, the end of the window, and the wait before the next look (null: give up).</summary>
public sealed record EventLogWaitStep(int Attempt, DateTimeOffset Deadline, TimeSpan? RetryIn);
