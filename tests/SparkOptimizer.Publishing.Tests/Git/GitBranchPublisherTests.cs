using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.Git;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.GitHub;
using SparkOptimizer.Tests.Manifests;

namespace SparkOptimizer.Tests.Git;

/// <summary>The plain-git publisher against a real bare repository used as the remote (a path URL).</summary>
public sealed class GitBranchPublisherTests : IAsyncLifetime
{
    private static readonly AppIdentity App = new("ScheduledSparkApplication", "sparkoperator.k8s.io/v1beta2", "default", "spark-pi-scheduled");
    private const string ManifestPath = "jobs/spark-pi-scheduled.yaml";

    private readonly TempDir _dir = new();
    private FakeRepository _remote = null!;
    private FakeGitHubServer _server = null!;
    private string _manifest = string.Empty;

    public async Task InitializeAsync()
    {
        // The fake server is only used to create and inspect the bare repository; the publisher talks git to its path.
        _server = await FakeGitHubServer.StartAsync();
        _manifest = await File.ReadAllTextAsync(Path.Combine(ExampleManifests.KubeflowFolder, "spark-pi-scheduled.yaml"));
        _remote = await _server.CreateRepositoryAsync("team", "jobs", new Dictionary<string, string> { [ManifestPath] = _manifest, ["other.yaml"] = "kind: ConfigMap\n" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private GitBranchPublisher NewPublisher(string workName = "work") => new(new GitPublisherOptions { RemoteUrl = _remote.CloneUrl, WorkDirectory = _dir.File(workName) });

    private static ManifestChangeSet ChangeSet(string memory) => new(App, null,
        [new ValueChange("spark.executor.memory", "512m", memory, "GC"), new ValueChange("spark.executor.instances", "1", "4", "critical path")], "report");

    private Task<string?> BranchHeadAsync() => _remote.Git.ResolveAsync("refs/heads/" + App.BranchName);

    [Fact]
    public async Task Publish_NewChangeSet_PushesOneCommitThatEditsOnlyTheTemplateValues()
    {
        var result = await NewPublisher().PublishAsync(ChangeSet("2g"));

        result.Outcome.Should().Be(PublishOutcome.Created);
        result.ManifestPath.Should().Be(ManifestPath);
        var head = await _remote.Git.ReadCommitAsync((await BranchHeadAsync())!);
        head!.Parents.Should().Equal(await _remote.Git.ResolveAsync("refs/heads/main"));
        head.Author.Email.Should().Be(PublishingDefaults.AuthorEmail);
        var edited = (await _remote.ReadFileAsync(App.BranchName, ManifestPath))!;
        var diff = LineDiff.Compute(_manifest, edited);
        diff.Added.Should().BeEmpty();
        diff.Removed.Should().BeEmpty();
        diff.Modified.Should().Equal(("      instances: 1\n", "      instances: 4\n"), ("      memory: 512m\n", "      memory: 2g\n"));
    }

    [Fact]
    public async Task Publish_SameChangeSetFromAFreshClone_PushesNothing()
    {
        await NewPublisher().PublishAsync(ChangeSet("2g"));
        var head = await BranchHeadAsync();

        var again = await NewPublisher("restarted").PublishAsync(ChangeSet("2g"));

        again.Outcome.Should().Be(PublishOutcome.Unchanged);
        (await BranchHeadAsync()).Should().Be(head);
    }

    [Fact]
    public async Task Publish_ChangedRecommendation_ReplacesTheCommitOnTheBase()
    {
        await NewPublisher().PublishAsync(ChangeSet("2g"));

        var result = await NewPublisher().PublishAsync(ChangeSet("3g"));

        result.Outcome.Should().Be(PublishOutcome.Updated);
        var head = await _remote.Git.ReadCommitAsync((await BranchHeadAsync())!);
        head!.Parents.Should().Equal(await _remote.Git.ResolveAsync("refs/heads/main"));
        (await _remote.ReadFileAsync(App.BranchName, ManifestPath)).Should().Contain("      memory: 3g\n");
    }

    [Fact]
    public async Task Publish_HumanCommitOnTheBranch_LeavesItAlone()
    {
        await NewPublisher().PublishAsync(ChangeSet("2g"));
        var human = await _remote.PushCommitAsync(App.BranchName, new Dictionary<string, string?> { ["NOTES.md"] = "mine now\n" }, "Take over");

        var result = await NewPublisher().PublishAsync(ChangeSet("3g"));

        result.Outcome.Should().Be(PublishOutcome.SkippedForeignCommits);
        (await BranchHeadAsync()).Should().Be(human);
    }

    [Fact]
    public async Task Publish_BaseMovedWithoutConflict_DoesNotPushAgain()
    {
        await NewPublisher().PublishAsync(ChangeSet("2g"));
        var head = await BranchHeadAsync();
        await _remote.PushCommitAsync("main", new Dictionary<string, string?> { ["other.yaml"] = "kind: ConfigMap\ndata: {}\n" }, "Unrelated");

        var result = await NewPublisher().PublishAsync(ChangeSet("2g"));

        result.Outcome.Should().Be(PublishOutcome.Unchanged);
        (await BranchHeadAsync()).Should().Be(head);
    }

    [Fact]
    public async Task Publish_BaseConflicts_RegeneratesOnTheNewBase()
    {
        await NewPublisher().PublishAsync(ChangeSet("2g"));
        var newBase = await _remote.PushCommitAsync("main",
            new Dictionary<string, string?> { [ManifestPath] = _manifest.Replace("      instances: 1\n", "      instances: 2\n", StringComparison.Ordinal) }, "Hand edit");

        var result = await NewPublisher().PublishAsync(ChangeSet("2g"));

        result.Outcome.Should().Be(PublishOutcome.Rebased);
        (await _remote.Git.ReadCommitAsync((await BranchHeadAsync())!))!.Parents.Should().Equal(newBase);
    }

    [Fact]
    public async Task Publish_TwoAppsConcurrentlyThroughOneWorkTree_BothBranchesAreRight()
    {
        var other = new AppIdentity("ScheduledSparkApplication", "sparkoperator.k8s.io/v1beta2", "default", "spark-pi-nightly");
        await _remote.PushCommitAsync("main", new Dictionary<string, string?> { ["jobs/nightly.yaml"] = _manifest.Replace("name: spark-pi-scheduled", "name: spark-pi-nightly", StringComparison.Ordinal) }, "Add nightly");
        var publisher = NewPublisher();

        var results = await Task.WhenAll(
            publisher.PublishAsync(ChangeSet("2g")),
            NewPublisher().PublishAsync(ChangeSet("3g") with { App = other }));

        results.Select(r => r.Outcome).Should().Equal(PublishOutcome.Created, PublishOutcome.Created);
        (await _remote.ReadFileAsync(App.BranchName, ManifestPath)).Should().Contain("      memory: 2g\n");
        (await _remote.ReadFileAsync(other.BranchName, "jobs/nightly.yaml")).Should().Contain("      memory: 3g\n");
        (await _remote.ReadFileAsync(other.BranchName, ManifestPath)).Should().Be(_manifest);
    }

    [Fact]
    public void Options_ToString_HidesTheRemoteUrl()
    {
        var options = new GitPublisherOptions { RemoteUrl = "https://bot:s3cret@git.example.com/team/jobs.git", WorkDirectory = "/tmp/x" };

        options.ToString().Should().NotContain("s3cret");
    }
}
