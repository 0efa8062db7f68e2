using System.Globalization;
using k8s.Autorest;

namespace SparkOptimizer.Operator.Watching;

/// <summary>The wait an API server asked for with Retry-After (429 Too Many Requests, 503), if any.</summary>
public static class RetryAfter
{
    public static TimeSpan? From(Exception exception)
    {
        if (exception is not HttpOperationException { Response: { } response })
        {
            return null;
        }

        if (response.Headers.TryGetValue("Retry-After", out var values)
            && values.FirstOrDefault() is { } value
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    /// <summary>The back-off, or longer when the server asked for longer.</summary>
    public static TimeSpan AtLeast(TimeSpan backoff, Exception exception) =>
        From(exception) is { } asked && asked > backoff ? asked : backoff;
}
