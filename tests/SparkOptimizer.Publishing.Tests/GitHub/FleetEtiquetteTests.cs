using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Tests.Manifests;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>Renovate's fleet rules in the publisher: caps on open and new pull requests, and a schedule window.</summary>
public sealed class FleetEtiquetteTests
{
    private static async Task<PublisherHarness> StartWithAppsAsync(int count)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(ExampleManifests.KubeflowFolder, "spark-pi.yaml"));
        var files = Enumerable.Range(1, count).ToDictionary(i => $"apps/fleet/app-{i:D3}.yaml", i => template.Replace("  name: spark-pi\n", $"  name: app-{i:D3}\n", StringComparison.Ordinal));
        return await PublisherHarness.StartAsync(files);
    }

    private static ManifestChangeSet For(int i) => new(
        new AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", "default", $"app-{i:D3}"), null,
        [new ValueChange("spark.executor.memory", "512m", "2g", "GC")], "report");

    private static GitHubPullRequestPublisher Publisher(PublisherHarness h, int? maxOpen = null, int? perHour = null, ScheduleWindow? schedule = null) => new(
        new GitHubPublisherOptions
        {
            BaseUrl = h.Server.BaseUri,
            Token = h.Server.Token!,
            Owner = PublisherHarness.Owner,
            Repository = PublisherHarness.RepoName,
            MaxOpenPullRequests = maxOpen,
            MaxNewPullRequestsPerHour = perHour,
            Schedule = schedule,
        },
        delay: (_, _) => Task.CompletedTask);

    [Fact]
    public async Task Publish_BurstOfCompletions_HoldsTheOpenCap()
    {
        await using var h = await StartWithAppsAsync(30);
        var publisher = Publisher(h, maxOpen: 5);

        var results = new List<PublishResult>();
        foreach (var i in Enumerable.Range(1, 30))
        {
            results.Add(await publisher.PublishAsync(For(i)));
        }

        results.Count(r => r.Outcome == PublishOutcome.Created).Should().Be(5);
        results.Count(r => r.Outcome == PublishOutcome.Deferred).Should().Be(25);
        h.Repo.PullRequests.Should().HaveCount(5);
        (await h.Repo.Git.ListRefsAsync()).Count(r => r.Ref.StartsWith("refs/heads/sparkoptimizer/", StringComparison.Ordinal)).Should().Be(5, "a deferred app writes nothing");
    }

    [Fact]
    public async Task Publish_PerHourCap_CountsClosedPullRequestsToo_AndUpdatesAreNotCapped()
    {
        await using var h = await StartWithAppsAsync(5);
        var publisher = Publisher(h, perHour: 2);
        (await publisher.PublishAsync(For(1))).Outcome.Should().Be(PublishOutcome.Created);
        var second = await publisher.PublishAsync(For(2));
        h.Repo.Close(second.PullRequestNumber!.Value, TimeProvider.System.GetUtcNow());

        var third = await publisher.PublishAsync(For(3));
        var update = await publisher.PublishAsync(For(1) with { Changes = [new ValueChange("spark.executor.memory", "512m", "3g", "GC")] });

        third.Outcome.Should().Be(PublishOutcome.Deferred);
        third.Message.Should().Contain("last hour");
        update.Outcome.Should().Be(PublishOutcome.Updated);
    }

    [Fact]
    public async Task Publish_OutsideTheScheduleWindow_TouchesNothing()
    {
        await using var h = await StartWithAppsAsync(1);
        var now = TimeProvider.System.GetUtcNow();
        var closed = new ScheduleWindow(new HashSet<DayOfWeek> { now.AddDays(3).DayOfWeek }, TimeSpan.Zero, TimeSpan.FromHours(24));

        var result = await Publisher(h, schedule: closed).PublishAsync(For(1));

        result.Outcome.Should().Be(PublishOutcome.OutsideSchedule);
        h.Server.Requests.Should().BeEmpty();
    }
}
