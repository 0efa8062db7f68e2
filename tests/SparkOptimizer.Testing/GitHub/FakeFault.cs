namespace SparkOptimizer.Testing.GitHub;

public enum FakeFaultKind
{
    /// <summary>500 Internal Server Error.</summary>
    ServerError,

    /// <summary>403 with <c>Retry-After</c> and a "secondary rate limit" message (GitHub's abuse detection).</summary>
    SecondaryRateLimit,

    /// <summary>403 with <c>X-RateLimit-Remaining: 0</c> and <c>X-RateLimit-Reset</c> (primary quota exhausted).</summary>
    PrimaryRateLimit,
}

/// <summary>A failure the fake server serves instead of handling a request. <paramref name="Wait"/> is Retry-After, or the time until the reset.</summary>
public sealed record FakeFault(FakeFaultKind Kind, TimeSpan Wait = default);
