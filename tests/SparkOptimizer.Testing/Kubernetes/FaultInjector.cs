namespace SparkOptimizer.Testing.Kubernetes;

/// <summary>
/// Faults the fake API server injects: the next N matching requests answered with an error status
/// (409, 429 with Retry-After, 500 ...) or with the connection dropped, and dropping every open watch connection.
/// </summary>
public sealed class FaultInjector
{
    /// <summary>The "status" of a request answered by closing its connection (the client sees an HttpRequestException or IOException).</summary>
    public const int DropConnection = 0;

    private readonly object gate = new();
    private readonly List<Rule> rules = [];

    internal event Action? WatchesDropped;

    /// <summary>Answer the next <paramref name="count"/> requests that match with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status, Func<FaultRequest, bool>? when = null, int? retryAfterSeconds = null)
    {
        lock (gate)
        {
            rules.Add(new Rule(count, status, when ?? (_ => true), retryAfterSeconds));
        }
    }

    /// <summary>Close the connection of the next <paramref name="count"/> requests that match, without an answer.</summary>
    public void DropNext(int count, Func<FaultRequest, bool>? when = null) => FailNext(count, DropConnection, when);

    /// <summary>Close every open watch stream, as a load balancer or an API server restart does.</summary>
    public void DropWatches() => WatchesDropped?.Invoke();

    /// <summary>Forget all pending faults.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    internal (int Status, int? RetryAfter)? Take(FaultRequest request)
    {
        lock (gate)
        {
            foreach (var rule in rules)
            {
                if (rule.Remaining > 0 && rule.When(request))
                {
                    rule.Remaining--;
                    return (rule.Status, rule.RetryAfter);
                }
            }

            rules.RemoveAll(r => r.Remaining <= 0);
            return null;
        }
    }

    private sealed class Rule(int remaining, int status, Func<FaultRequest, bool> when, int? retryAfter)
    {
        public int Remaining { get; set; } = remaining;

        public int Status { get; } = status;

        public Func<FaultRequest, bool> When { get; } = when;

        public int? RetryAfter { get; } = retryAfter;
    }
}
