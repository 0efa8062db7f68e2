using Microsoft.Extensions.Logging;
using Octokit;

namespace SparkOptimizer.Publishing.GitHub;

/// <summary>The Octokit client and retry policy built from <see cref="GitHubPublisherOptions"/>, shared by the GitHub writers.</summary>
internal static class GitHubConnection
{
    public static IGitHubClient CreateClient(GitHubPublisherOptions options) =>
        new GitHubClient(new ProductHeaderValue("spark-optimizer"), options.BaseUrl) { Credentials = new Credentials(options.Token) };

    public static GitHubRetryPolicy CreateRetry(GitHubPublisherOptions options, TimeProvider time, Func<TimeSpan, CancellationToken, Task>? delay, ILogger logger) =>
        new(time, delay ?? GitHubRetryPolicy.RealDelay(time), options.MaxAttempts, options.InitialBackoff, options.MaxBackoff, options.MaxRateLimitWait, logger);
}
