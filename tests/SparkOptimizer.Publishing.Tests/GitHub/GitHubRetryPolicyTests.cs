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
}
