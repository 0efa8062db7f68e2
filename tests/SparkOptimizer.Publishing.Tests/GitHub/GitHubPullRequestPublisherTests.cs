using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Testing.GitHub;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>End to end: Octokit over real HTTP to the fake GitHub server, whose repositories are real bare git repositories.</summary>
public sealed class GitHubPullRequestPublisherTests
{
    private static readonly string Branch = PublisherHarness.App.BranchName;

    [Fact]
    public async Task Publish_NewChangeSet_OpensOnePullRequestWhoseDiffTouchesOnlyTheRecommendedLines()
    {
        await using var h = await PublisherHarness.StartAsync();

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Outcome.Should().Be(PublishOutcome.Created);
        result.Branch.Should().Be("sparkoptimizer/default/spark-pi");
        result.ManifestPath.Should().Be(PublisherHarness.ManifestPath, "the locator found the manifest by kind, namespace and name");
        var pr = h.Repo.PullRequests.Should().ContainSingle().Subject;
        pr.HeadRef.Should().Be(Branch);
        pr.BaseRef.Should().Be("main");
        pr.Labels.Should().Equal("spark-optimizer");
        pr.Body.Should().Contain("Executor memory 95% used").And.Contain($"<!-- sparkoptimizer: {{\"fingerprint\":\"{result.Fingerprint}\"");

        var diff = await h.CloneAndDiffAsync("main", Branch);
        var changed = diff.Split('\n').Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        changed.Should().Equal(
            "-    memory: 512m",
            "+    memory: 2g",
            "+  sparkConf:",
            "+    spark.sql.shuffle.partitions: \"400\"");
        var lines = h.OriginalManifest.Split('\n');
        var executorMemoryLine = Array.FindIndex(lines, Array.IndexOf(lines, "  executor:"), l => l == "    memory: 512m") + 1;
        diff.Should().Contain($"@@ -{executorMemoryLine} +{executorMemoryLine} @@", "only the executor's memory line changes (the driver's identical line is untouched)");
        (await h.CloneAndReadAsync(Branch)).Should().StartWith(h.OriginalManifest[..h.OriginalManifest.IndexOf("  executor:", StringComparison.Ordinal)]);

        var head = await h.Repo.Git.ReadCommitAsync((await h.Repo.Git.ResolveAsync("refs/heads/" + Branch))!);
        head!.Parents.Should().Equal(await h.Repo.Git.ResolveAsync("refs/heads/main"));
        head.Author.Email.Should().Be(PublishingDefaults.AuthorEmail);
        head.Message.Should().Contain($"Spark-Optimizer-Fingerprint: {result.Fingerprint}");
    }

    [Fact]
    public async Task Publish_SameChangeSetAgainAndAfterRestart_CreatesNothingNew()
    {
        await using var h = await PublisherHarness.StartAsync();
        var publisher = h.NewPublisher();
        var first = await publisher.PublishAsync(PublisherHarness.MemoryTo("2g"));
        var writesAfterFirst = h.Server.Requests.Count(r => r.Method != "GET");

        var again = await publisher.PublishAsync(PublisherHarness.MemoryTo("2g"));
        var afterRestart = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        first.Outcome.Should().Be(PublishOutcome.Created);
        again.Outcome.Should().Be(PublishOutcome.Unchanged);
        afterRestart.Outcome.Should().Be(PublishOutcome.Unchanged);
        afterRestart.PullRequestNumber.Should().Be(first.PullRequestNumber);
        h.Repo.PullRequests.Should().ContainSingle("0 duplicate pull requests, also across a restart");
        h.Repo.RefUpdates.Where(u => u.Ref == "refs/heads/" + Branch).Should().ContainSingle("the branch was written once");
        h.Server.Requests.Count(r => r.Method != "GET").Should().Be(writesAfterFirst, "the later calls only read");
    }

    [Fact]
    public async Task Publish_ChangedRecommendation_UpdatesTheSamePullRequestWithOneRegeneratedCommit()
    {
        await using var h = await PublisherHarness.StartAsync();
        var first = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        var second = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("3g"));

        second.Outcome.Should().Be(PublishOutcome.Updated);
        second.PullRequestNumber.Should().Be(first.PullRequestNumber);
        second.Fingerprint.Should().NotBe(first.Fingerprint);
        var pr = h.Repo.PullRequests.Should().ContainSingle().Subject;
        pr.Body.Should().Contain(second.Fingerprint).And.NotContain(first.Fingerprint);
        var head = await h.Repo.Git.ReadCommitAsync((await h.Repo.Git.ResolveAsync("refs/heads/" + Branch))!);
        head!.Parents.Should().Equal([await h.Repo.Git.ResolveAsync("refs/heads/main")], "one regenerated commit on the base, not a second commit on top");
        (await h.CloneAndReadAsync(Branch)).Should().Contain("    memory: 3g\n").And.NotContain("memory: 2g");
        h.Repo.RefUpdates.Where(u => u.Ref == "refs/heads/" + Branch).Should().HaveCount(2);
    }

    [Fact]
    public async Task Publish_HumanCommitOnTheBranch_StopsAllUpdates()
    {
        await using var h = await PublisherHarness.StartAsync();
        await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var human = await h.Repo.PushCommitAsync(Branch, new Dictionary<string, string?> { ["apps/spark/NOTES.md"] = "keep 2g until the migration\n" }, "Reviewer tweak");

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("4g"));

        result.Outcome.Should().Be(PublishOutcome.SkippedForeignCommits);
        (await h.Repo.Git.ResolveAsync("refs/heads/" + Branch)).Should().Be(human);
        h.Repo.PullRequests.Should().ContainSingle().Which.Body.Should().NotContain(result.Fingerprint);
    }

    [Fact]
    public async Task Publish_PullRequestClosedWithoutMerging_IsNotProposedAgainUntilTheChangeSetDiffers()
    {
        await using var h = await PublisherHarness.StartAsync();
        var first = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        h.Repo.Close(first.PullRequestNumber!.Value, TimeProvider.System.GetUtcNow());

        var same = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var different = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("4g"));

        same.Outcome.Should().Be(PublishOutcome.Ignored, "closing means: do not propose this again");
        different.Outcome.Should().Be(PublishOutcome.Created, "a materially different change set is a new proposal");
        h.Repo.PullRequests.Should().HaveCount(2);
        h.Repo.PullRequests.Count(p => p.State == "open").Should().Be(1);
        h.Repo.PullRequests.Single(p => p.State == "closed").Number.Should().Be(first.PullRequestNumber);
    }

    [Fact]
    public async Task Publish_ManifestOverride_ChoosesAmongSeveralMatchingFiles()
    {
        var copy = await File.ReadAllTextAsync(Path.Combine(Manifests.ExampleManifests.KubeflowFolder, "spark-pi.yaml"));
        await using var h = await PublisherHarness.StartAsync(new Dictionary<string, string> { ["legacy/spark-pi.yaml"] = copy });
        var ambiguous = () => h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        await ambiguous.Should().ThrowAsync<SparkOptimizer.Publishing.Manifests.ManifestNotFoundException>().WithMessage("2 files match*");

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g") with
        {
            ManifestOverride = ManifestLocation.Parse($"{PublisherHarness.Owner}/{PublisherHarness.RepoName}/legacy/spark-pi.yaml"),
        });

        result.Outcome.Should().Be(PublishOutcome.Created);
        result.ManifestPath.Should().Be("legacy/spark-pi.yaml");
        (await h.CloneAndReadAsync(result.Branch, "legacy/spark-pi.yaml")).Should().Contain("    memory: 2g\n");
        (await h.CloneAndReadAsync(result.Branch)).Should().Be(h.OriginalManifest);
    }

    [Fact]
    public async Task Publish_AfterClose_AValueWithinTheToleranceStaysIgnored()
    {
        await using var h = await PublisherHarness.StartAsync();
        var first = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        h.Repo.Close(first.PullRequestNumber!.Value, TimeProvider.System.GetUtcNow());

        var nearly = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2100m"));

        nearly.Outcome.Should().Be(PublishOutcome.Ignored, "2100m is within 10% of the rejected 2g: not a material change");
        h.Repo.PullRequests.Should().ContainSingle();
    }

    [Fact]
    public async Task Publish_ApacheAppInAKustomizeFolder_IsFoundByNamespaceAndEditedInSparkConf()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(Manifests.ExampleManifests.ApacheFolder, "pi.yaml"));
        await using var h = await PublisherHarness.StartAsync(new Dictionary<string, string>
        {
            ["apps/apache/base/pi.yaml"] = manifest,
            ["apps/apache/base/kustomization.yaml"] = "resources:\n- pi.yaml\n",
            ["apps/apache/prod/kustomization.yaml"] = "namespace: spark-prod\nresources:\n- ../base\n",
        });
        var app = new AppIdentity("SparkApplication", "spark.apache.org/v1", "spark-prod", "pi");
        var changeSet = new ManifestChangeSet(app, null,
        [
            new ValueChange("spark.dynamicAllocation.maxExecutors", "3", "6", "queueing"),
            new ValueChange("spark.executor.memory", null, "2g", "GC"),
        ], "report");

        var result = await h.NewPublisher().PublishAsync(changeSet);

        result.Outcome.Should().Be(PublishOutcome.Created);
        result.Branch.Should().Be("sparkoptimizer/spark-prod/pi");
        result.ManifestPath.Should().Be("apps/apache/base/pi.yaml");
        var diff = await h.CloneAndDiffAsync("main", result.Branch);
        diff.Split('\n').Where(l => l.Length > 1 && (l[0] == '+' || l[0] == '-') && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))
            .Should().Equal(
                "-    spark.dynamicAllocation.maxExecutors: \"3\"",
                "+    spark.dynamicAllocation.maxExecutors: \"6\"",
                "+    spark.executor.memory: \"2g\"");
    }

    [Fact]
    public async Task Publish_Injected500sAndRateLimits_AreRetriedAndEndInExactlyOnePullRequest()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.InjectFaults(3, new FakeFault(FakeFaultKind.ServerError));
        h.Server.InjectFaults(1, new FakeFault(FakeFaultKind.SecondaryRateLimit, TimeSpan.FromSeconds(7)));
        h.Server.InjectFaults(1, new FakeFault(FakeFaultKind.PrimaryRateLimit, TimeSpan.FromSeconds(40)));
        h.Server.InjectFaults(2, new FakeFault(FakeFaultKind.ServerError), when: (method, path) => method == "POST" && path.EndsWith("/pulls", StringComparison.Ordinal));
        h.Server.InjectFaults(1, new FakeFault(FakeFaultKind.SecondaryRateLimit, TimeSpan.FromSeconds(3)), when: (method, path) => method == "POST" && path.EndsWith("/labels", StringComparison.Ordinal));

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Outcome.Should().Be(PublishOutcome.Created);
        h.Server.FaultsServed.Should().Be(8);
        h.Server.PendingFaults.Should().Be(0);
        h.Repo.PullRequests.Should().ContainSingle().Which.Labels.Should().Equal("spark-optimizer");
        h.Delays.Should().Contain(TimeSpan.FromSeconds(7), "Retry-After is honoured")
            .And.Contain(TimeSpan.FromSeconds(3))
            .And.Contain(d => d > TimeSpan.FromSeconds(35) && d <= TimeSpan.FromSeconds(40), "X-RateLimit-Reset is honoured")
            .And.Contain([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], "5xx back off exponentially");
    }

    [Fact]
    public async Task Publish_CrashBetweenBranchAndPullRequest_NextPublisherFinishesWithOnePullRequest()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.InjectFaults(6, new FakeFault(FakeFaultKind.ServerError), when: (method, path) => method == "POST" && path.EndsWith("/pulls", StringComparison.Ordinal));
        var crashed = () => h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        await crashed.Should().ThrowAsync<Octokit.ApiException>();
        (await h.Repo.Git.ResolveAsync("refs/heads/" + Branch)).Should().NotBeNull("the branch was pushed before the pull request failed");
        h.Repo.PullRequests.Should().BeEmpty();

        var restarted = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        restarted.Outcome.Should().Be(PublishOutcome.Created);
        h.Repo.PullRequests.Should().ContainSingle();
        var head = await h.Repo.Git.ReadCommitAsync((await h.Repo.Git.ResolveAsync("refs/heads/" + Branch))!);
        head!.Parents.Should().Equal([await h.Repo.Git.ResolveAsync("refs/heads/main")], "still one commit on the base");
    }

    [Fact]
    public async Task Publish_BaseMovedWithoutConflict_DoesNotForcePushTheCleanPullRequest()
    {
        await using var h = await PublisherHarness.StartAsync();
        await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var head = await h.Repo.Git.ResolveAsync("refs/heads/" + Branch);
        await h.Repo.PushCommitAsync("main", new Dictionary<string, string?> { ["README.md"] = "# GitOps\n\nUnrelated change.\n" }, "Docs");

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Outcome.Should().Be(PublishOutcome.Unchanged);
        (await h.Repo.Git.ResolveAsync("refs/heads/" + Branch)).Should().Be(head);
        h.Repo.RefUpdates.Where(u => u.Ref == "refs/heads/" + Branch).Should().ContainSingle("0 rebases of a clean pull request");
    }

    [Fact]
    public async Task Publish_BaseConflictsWithTheBranch_RegeneratesOnceOnTheNewBase()
    {
        await using var h = await PublisherHarness.StartAsync();
        await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var edited = h.OriginalManifest.Replace("    instances: 1\n    cores: 1\n    memory: 512m", "    instances: 1\n    cores: 1\n    memory: 768m", StringComparison.Ordinal);
        var newBase = await h.Repo.PushCommitAsync("main", new Dictionary<string, string?> { [PublisherHarness.ManifestPath] = edited }, "Hand edit");

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var again = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Outcome.Should().Be(PublishOutcome.Rebased);
        again.Outcome.Should().Be(PublishOutcome.Unchanged, "after the rebase the pull request is clean again");
        var head = await h.Repo.Git.ReadCommitAsync((await h.Repo.Git.ResolveAsync("refs/heads/" + Branch))!);
        head!.Parents.Should().Equal(newBase);
        result.Edits!.Single(e => e.Key == "spark.executor.memory").From.Should().Be("768m");
        h.Repo.PullRequests.Should().ContainSingle();
    }

    [Fact]
    public async Task Publish_AfterMerge_HasNothingToChange()
    {
        await using var h = await PublisherHarness.StartAsync();
        var first = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("test"), h.Server.BaseUri) { Credentials = new Octokit.Credentials(h.Server.Token) };
        await client.PullRequest.Merge(PublisherHarness.Owner, PublisherHarness.RepoName, first.PullRequestNumber!.Value, new Octokit.MergePullRequest());

        var result = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));

        result.Outcome.Should().Be(PublishOutcome.NothingToChange);
        (await h.CloneAndReadAsync("main")).Should().Contain("    memory: 2g\n");
        h.Repo.PullRequests.Should().ContainSingle().Which.Merged.Should().BeTrue();
    }

    [Fact]
    public async Task Publish_RevertAfterMerge_OpensAPullRequestThatRestoresTheOriginalFile()
    {
        await using var h = await PublisherHarness.StartAsync();
        var first = await h.NewPublisher().PublishAsync(PublisherHarness.MemoryTo("2g"));
        var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("test"), h.Server.BaseUri) { Credentials = new Octokit.Credentials(h.Server.Token) };
        await client.PullRequest.Merge(PublisherHarness.Owner, PublisherHarness.RepoName, first.PullRequestNumber!.Value, new Octokit.MergePullRequest());

        var revert = await h.NewPublisher().PublishAsync(ManifestChangeSet.RevertOf(PublisherHarness.App, null, first.Edits!, "## Regression\n\nRuntime +40 % over 3 runs."));

        revert.Outcome.Should().Be(PublishOutcome.Created);
        revert.PullRequestNumber.Should().NotBe(first.PullRequestNumber);
        (await h.CloneAndReadAsync(revert.Branch)).Should().Be(h.OriginalManifest, "the revert restores the file byte for byte");
        h.Repo.PullRequests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Publish_CrlfManifest_KeepsItsLineEndingsThroughTheApi()
    {
        var crlf = (await File.ReadAllTextAsync(Path.Combine(Manifests.ExampleManifests.KubeflowFolder, "spark-pi-python.yaml"))).Replace("\n", "\r\n", StringComparison.Ordinal);
        await using var h = await PublisherHarness.StartAsync(new Dictionary<string, string> { ["windows/python.yaml"] = crlf });
        var app = new AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", "default", "spark-pi-python");

        var result = await h.NewPublisher().PublishAsync(new ManifestChangeSet(app, null, [new ValueChange("spark.executor.memory", "512m", "1g", "GC")], "r"));

        var edited = await h.CloneAndReadAsync(result.Branch, "windows/python.yaml");
        edited.Should().Be(crlf.Replace("  executor:\r\n    instances: 1\r\n    cores: 1\r\n    memory: 512m\r\n", "  executor:\r\n    instances: 1\r\n    cores: 1\r\n    memory: 1g\r\n", StringComparison.Ordinal));
        edited.Should().NotBe(crlf);
    }

    [Fact]
    public async Task Publish_WrongToken_FailsWithoutRetryingAndNeverSendsTheTokenElsewhere()
    {
        await using var h = await PublisherHarness.StartAsync();

        var act = () => h.NewPublisher(token: "wrong-token").PublishAsync(PublisherHarness.MemoryTo("2g"));

        await act.Should().ThrowAsync<Octokit.AuthorizationException>();
        h.Server.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Token wrong-token");
        h.Delays.Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_WithRetriesAndLogging_NeverLogsTheToken()
    {
        await using var h = await PublisherHarness.StartAsync();
        h.Server.InjectFaults(2, new FakeFault(FakeFaultKind.ServerError));
        var logger = new CapturingLogger<GitHubPullRequestPublisher>();
        var options = new GitHubPublisherOptions { BaseUrl = h.Server.BaseUri, Token = h.Server.Token!, Owner = PublisherHarness.Owner, Repository = PublisherHarness.RepoName };
        var publisher = new GitHubPullRequestPublisher(options, delay: (_, _) => Task.CompletedTask, logger: logger);

        await publisher.PublishAsync(PublisherHarness.MemoryTo("2g"));

        logger.Lines.Should().Contain(l => l.Contains("retry", StringComparison.Ordinal)).And.Contain(l => l.Contains("Opened pull request", StringComparison.Ordinal));
        logger.Lines.Should().NotContain(l => l.Contains(h.Server.Token!, StringComparison.Ordinal));
        h.Server.Requests.Should().OnlyContain(r => r.Authorization == "Token " + h.Server.Token, "every request is authenticated with the configured token");
    }

    [Fact]
    public void Options_ToString_RedactsTheToken()
    {
        var options = new GitHubPublisherOptions { Token = "ghp_secret123", Owner = "o", Repository = "r" };

        options.ToString().Should().NotContain("ghp_secret123").And.Contain("Token = ***");
    }
}
