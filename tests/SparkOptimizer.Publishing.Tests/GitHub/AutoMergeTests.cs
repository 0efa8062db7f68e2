using SparkOptimizer.Publishing;
using SparkOptimizer.Testing.GitHub;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>The autoMerge trust level: the publisher merges its own low-risk pull request, and only when GitHub lets it.</summary>
public sealed class AutoMergeTests
{
    [Fact]
    public async Task Publish_AutoMerge_OpensAndMergesThePullRequest()
    {
        await using var h = await PublisherHarness.StartAsync();

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g") with { AutoMerge = true });

        result.Outcome.Should().Be(PublishOutcome.Created);
        result.Merged.Should().BeTrue();
        var pr = h.Repo.PullRequests.Should().ContainSingle().Subject;
        pr.Merged.Should().BeTrue();
        pr.State.Should().Be("closed");
        (await h.CloneAndReadAsync("main")).Should().Contain("    memory: 2g\n", "the change reached the base branch");
    }

    [Fact]
    public async Task Publish_AutoMergeRefusedByBranchProtection_LeavesThePullRequestOpenAndSaysWhy()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Repo.RequireReviews = true;

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g") with { AutoMerge = true });

        result.Merged.Should().BeFalse();
        result.Message.Should().Contain("approving review");
        h.Repo.PullRequests.Should().ContainSingle().Which.State.Should().Be("open");
        (await h.CloneAndReadAsync("main")).Should().Be(h.OriginalManifest);
    }

    [Fact]
    public async Task Publish_WithoutAutoMerge_NeverMerges()
    {
        await using var h = await PublisherHarness.StartAsync();

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Merged.Should().BeFalse();
        h.Repo.PullRequests.Should().ContainSingle().Which.State.Should().Be("open");
    }
}
