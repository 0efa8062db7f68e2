using SparkOptimizer.Publishing;
using SparkOptimizer.Publishing.GitHub;
using SparkOptimizer.Tests.Manifests;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>One summary issue, built from our pull requests, kept up to date and written only when it changes.</summary>
public sealed class GitHubFleetSummaryTests
{
    [Fact]
    public async Task Summary_FromPendingIgnoredAndMergedPullRequests_IsOneIssueEditedOnlyWhenItChanges()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(ExampleManifests.KubeflowFolder, "spark-pi.yaml"));
        var files = Enumerable.Range(1, 3).ToDictionary(i => $"apps/app-{i}.yaml", i => template.Replace("  name: spark-pi\n", $"  name: app-{i}\n", StringComparison.Ordinal));
        await using var h = await PublisherHarness.StartAsync(files);
        var options = new GitHubPublisherOptions { BaseUrl = h.Server.BaseUri, Token = h.Server.Token!, Owner = PublisherHarness.Owner, Repository = PublisherHarness.RepoName };
        var publisher = new GitHubPullRequestPublisher(options, delay: (_, _) => Task.CompletedTask);
        var results = new List<PublishResult>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            results.Add(await publisher.PublishAsync(new ManifestChangeSet(
                new AppIdentity("SparkApplication", "sparkoperator.k8s.io/v1beta2", "default", $"app-{i}"), null,
                [new ValueChange("spark.executor.memory", "512m", "2g", "GC")], "report")));
        }

        h.Repo.Close(results[1].PullRequestNumber!.Value, TimeProvider.System.GetUtcNow());
        var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("test"), h.Server.BaseUri) { Credentials = new Octokit.Credentials(h.Server.Token) };
        await client.PullRequest.Merge(PublisherHarness.Owner, PublisherHarness.RepoName, results[2].PullRequestNumber!.Value, new Octokit.MergePullRequest());
        var summary = new GitHubFleetSummary(options, delay: (_, _) => Task.CompletedTask);

        var proposals = await summary.ReadProposalsAsync();
        var withVerification = proposals.Select(p => p.App == "default/app-3" ? p with { State = ProposalState.Verified, Note = "runtime -31 % (predicted -25 to -40 %)" } : p).ToList();
        var issue = await summary.PublishAsync(withVerification);
        var again = await summary.PublishAsync(withVerification);

        proposals.Select(p => (p.App, p.State)).Should().Equal(
            ("default/app-1", ProposalState.Pending), ("default/app-2", ProposalState.Ignored), ("default/app-3", ProposalState.Merged));
        proposals.Should().OnlyContain(p => p.Fingerprint == results[0].Fingerprint);
        again.Should().Be(issue);
        var stored = h.Repo.Issues.Should().ContainSingle().Subject;
        stored.Edits.Should().Be(0, "an unchanged fleet writes nothing");
        stored.Labels.Should().Equal("spark-optimizer");
        stored.Body.Should().Contain("## Pending (1)").And.Contain("## Ignored (1)").And.Contain("## Verified (1)").And.Contain("runtime -31 %")
            .And.Contain($"[#{results[0].PullRequestNumber}](");

        h.Repo.Close(results[0].PullRequestNumber!.Value, TimeProvider.System.GetUtcNow());
        await summary.PublishAsync(await summary.ReadProposalsAsync());

        h.Repo.Issues.Should().ContainSingle().Which.Edits.Should().Be(1);
        h.Repo.Issues.Single().Body.Should().Contain("## Pending (0)").And.Contain("## Ignored (2)");
    }
}
