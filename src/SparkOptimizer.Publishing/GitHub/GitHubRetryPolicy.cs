using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Octokit;
using Polly;
using Polly.Retry;

namespace SparkOptimizer.Publishing.GitHub;

/// <summary>
/// Retries GitHub calls the way GitHub asks (docs.github.com "Rate limits for the REST API", "Best practices"):
/// on a rate limit, wait for <c>Retry-After</c>, else until <c>X-RateLimit-Reset</c> (a reset already past retries soon),
/// else at least a minute for a secondary limit; on 5xx and network errors, exponential back-off.
/// The retry loop is Polly's; waits go through an injected delay so tests run at once; a wait longer than the allowed maximum gives up.
/// </summary>
public sealed class GitHubRetryPolicy(
    TimeProvider time,
    Func<TimeSpan, CancellationToken, Task> delay,
    int maxAttempts,
    TimeSpan initialBackoff,
    TimeSpan maxBackoff,
    TimeSpan maxRateLimitWait,
    ILogger logger)
{
    private static readonly TimeSpan SecondaryLimitDefault = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PastResetWait = TimeSpan.FromSeconds(1);

    public static Func<TimeSpan, CancellationToken, Task> RealDelay(TimeProvider time) => (wait, ct) => Task.Delay(wait, time, ct);

    public async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        cancellationToken.ThrowIfCancellationRequested();
        if (maxAttempts <= 1)
        {
            return await call();
        }

        // Polly runs the loop (which failures retry, how many times); the wait GitHub asks for goes through the injected delay.
        var pipeline = new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = maxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(Wait(args.Outcome.Exception, args.AttemptNumber + 1) is not null),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero),
                OnRetry = async args =>
                {
                    var attempt = args.AttemptNumber + 1;
                    var wait = Wait(args.Outcome.Exception, attempt)!.Value;
                    if (args.Outcome.Exception is ApiException api)
                    {
                        logger.LogWarning("GitHub {Operation} answered {Status} ({Message}); retry {Attempt} in {Wait}", operation, (int)api.StatusCode, api.Message, attempt, wait);
                    }
                    else
                    {
                        logger.LogWarning("GitHub {Operation} failed ({Message}); retry {Attempt} in {Wait}", operation, args.Outcome.Exception?.Message, attempt, wait);
                    }

                    await delay(wait, args.Context.CancellationToken);
                },
            })
            .Build();
        return await pipeline.ExecuteAsync(async _ => await call(), cancellationToken);
    }

    /// <summary>The wait before retrying after <paramref name="error"/> on attempt <paramref name="attempt"/>, or null when it is not retried.</summary>
    private TimeSpan? Wait(Exception? error, int attempt) => error switch
    {
        ApiException ex => RetryDelay(ex, attempt),
        HttpRequestException => Backoff(attempt),
        _ => null,
    };

    public Task RunAsync(string operation, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync<bool>(operation, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>How long to wait before retrying, or null when the error is not worth retrying (or the wait is too long).</summary>
    public TimeSpan? RetryDelay(ApiException ex, int attempt)
    {
        var status = (int)ex.StatusCode;
        var headers = ex.HttpResponse?.Headers ?? new Dictionary<string, string>();
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        if (status is 403 or 429)
        {
            TimeSpan? wait = null;
            if (Header("Retry-After") is { } retryAfter)
            {
                wait = int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(Math.Max(0, seconds))
                    : DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? Clamp(at - time.GetUtcNow()) : null;
            }
            else if (Header("X-RateLimit-Remaining") == "0" && long.TryParse(Header("X-RateLimit-Reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
            {
                wait = Clamp(DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow());
            }
            else if (ex is SecondaryRateLimitExceededException || ex.Message.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase) || status == 429)
            {
                wait = SecondaryLimitDefault;
            }

            return wait is { } w && w <= maxRateLimitWait ? w : null;
        }

        return status >= 500 || ex.StatusCode == HttpStatusCode.RequestTimeout ? Backoff(attempt) : null;
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait <= TimeSpan.Zero ? PastResetWait : wait;

    private TimeSpan Backoff(int attempt)
    {
        var ticks = initialBackoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromTicks((long)Math.Min(ticks, maxBackoff.Ticks));
    }
}
