using SparkOptimizer.Publishing;
using SparkOptimizer.Testing.GitHub;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>Rate limits as GitHub documents them, through real HTTP responses from the fake server.</summary>
public sealed class GitHubRetryPolicyTests
{
    [Fact]
    public async Task Publish_RateLimitResetAlreadyPast_RetriesAfterAShortWait()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.InjectFaults(1, new FakeFault(FakeFaultKind.PrimaryRateLimit, TimeSpan.FromSeconds(-30)));

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Outcome.Should().Be(PublishOutcome.Created);
        h.Delays.Should().Equal(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Publish_RateLimitResetFarAway_GivesUpWithoutWaiting()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.InjectFaults(1, new FakeFault(FakeFaultKind.PrimaryRateLimit, TimeSpan.FromHours(1)));

        var act = () => h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        await act.Should().ThrowAsync<Octokit.RateLimitExceededException>();
        h.Delays.Should().BeEmpty("an hour is longer than the allowed wait: the operator retries on a later reconcile");
        h.Repo.PullRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_PersistentServerErrors_StopAfterMaxAttempts()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.InjectFaults(10, new FakeFault(FakeFaultKind.ServerError));

        var act = () => h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        await act.Should().ThrowAsync<Octokit.ApiException>();
        h.Server.FaultsServed.Should().Be(6, "six attempts, then the error surfaces");
        h.Delays.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16));
    }

    [Fact]
    public async Task Publish_ServerUnreachable_RetriesNetworkErrorsThenFails()
    {
        var port = System.Net.Sockets.TcpListener.Create(0);
        port.Start();
        var address = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}/");
        port.Stop();
        var delays = new List<TimeSpan>();
        var publisher = new SparkOptimizer.Publishing.GitHub.GitHubPullRequestPublisher(
            new SparkOptimizer.Publishing.GitHub.GitHubPublisherOptions { BaseUrl = address, Token = "t", Owner = "o", Repository = "r", MaxAttempts = 3 },
            delay: (d, _) =>
            {
                delays.Add(d);
                return Task.CompletedTask;
            });

        var act = () => publisher.PublishAsync(PublisherHarness.MemoryTo("2g"));

        await act.Should().ThrowAsync<HttpRequestException>();
        delays.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }
}
