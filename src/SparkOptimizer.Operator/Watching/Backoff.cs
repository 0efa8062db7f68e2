namespace SparkOptimizer.Operator.Watching;

/// <summary>
/// Exponential back-off with jitter, KubeOps' shape: <c>2^min(n, 5) × base + jitter</c> (1 s base: 2 s … 32 s plus
/// up to one base of jitter). Tests shrink the base; the jitter source is injectable so the delays are checkable.
/// </summary>
public sealed class Backoff(TimeSpan unit, int maxExponent = 5, Func<double>? jitter = null)
{
    private readonly Func<double> jitter = jitter ?? Random.Shared.NextDouble;

    public TimeSpan Unit { get; } = unit;

    /// <summary>The delay before retry number <paramref name="failures"/> (1 for the first failure).</summary>
    public TimeSpan Delay(int failures)
    {
        var exponent = Math.Min(Math.Max(failures, 1), maxExponent);
        return Unit * Math.Pow(2, exponent) + Unit * jitter();
    }
}
