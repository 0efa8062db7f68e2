using System.Text;
using Octokit;
using SparkOptimizer.Testing.GitHub;

namespace SparkOptimizer.Tests.GitHub;

/// <summary>The fake server answers Octokit the way GitHub's REST docs describe, and stores everything in real git.</summary>
public sealed class FakeGitHubServerTests : IAsyncLifetime
{
    private FakeGitHubServer _server = null!;
    private FakeRepository _repo = null!;
    private GitHubClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGitHubServer.StartAsync();
        _repo = await _server.CreateRepositoryAsync("o", "r", new Dictionary<string, string> { ["a/one.yaml"] = "one: 1\n", ["a/b/two.yaml"] = "two: 2\n", ["top.txt"] = "top\n" });
        _client = new GitHubClient(new ProductHeaderValue("test"), _server.BaseUri) { Credentials = new Credentials(_server.Token) };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Requests_UseTheEnterprisePrefixAndCarryRateLimitHeaders()
    {
        var repo = await _client.Repository.Get("o", "r");

        repo.DefaultBranch.Should().Be("main");
        _server.Requests.Should().ContainSingle().Which.Path.Should().Be("/api/v3/repos/o/r");
        _client.GetLastApiInfo().RateLimit.Limit.Should().Be(5000);
        _client.GetLastApiInfo().RateLimit.Remaining.Should().BeLessThan(5000);
    }

    [Fact]
    public async Task Contents_ReturnsFilesAndDirectoryListings()
    {
        var file = await _client.Repository.Content.GetAllContentsByRef("o", "r", "a/one.yaml", "main");
        var folder = await _client.Repository.Content.GetAllContentsByRef("o", "r", "a", "main");

        file.Should().ContainSingle().Which.Content.Should().Be("one: 1\n");
        folder.Select(c => (c.Path, c.Type.Value)).Should().BeEquivalentTo([("a/one.yaml", ContentType.File), ("a/b", ContentType.Dir)]);
    }

    [Fact]
    public async Task TreeWithBaseTree_CommitAndRef_AreRealGitObjects()
    {
        var main = await _client.Git.Reference.Get("o", "r", "heads/main");
        var baseCommit = await _client.Git.Commit.Get("o", "r", main.Object.Sha);
        var blob = await _client.Git.Blob.Create("o", "r", new NewBlob { Content = "two: 22\n", Encoding = EncodingType.Utf8 });
        var newTree = new NewTree { BaseTree = baseCommit.Tree.Sha };
        newTree.Tree.Add(new NewTreeItem { Path = "a/b/two.yaml", Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
        var tree = await _client.Git.Tree.Create("o", "r", newTree);
        var commit = await _client.Git.Commit.Create("o", "r", new NewCommit("edit", tree.Sha, main.Object.Sha));
        await _client.Git.Reference.Create("o", "r", new NewReference("refs/heads/feature/x", commit.Sha));

        (await _repo.ReadFileAsync("feature/x", "a/b/two.yaml")).Should().Be("two: 22\n");
        (await _repo.ReadFileAsync("feature/x", "a/one.yaml")).Should().Be("one: 1\n", "base_tree keeps the other files");
        var recursive = await _client.Git.Tree.GetRecursive("o", "r", commit.Sha);
        recursive.Tree.Where(t => t.Type.Value == TreeType.Blob).Select(t => t.Path).Should().BeEquivalentTo(["a/one.yaml", "a/b/two.yaml", "top.txt"]);
        (await _client.Git.Reference.Get("o", "r", "heads/feature/x")).Object.Sha.Should().Be(commit.Sha, "branch names with slashes resolve");
        var readBack = await _client.Git.Blob.Get("o", "r", blob.Sha);
        Encoding.UTF8.GetString(Convert.FromBase64String(readBack.Content)).Should().Be("two: 22\n");
    }

    [Fact]
    public async Task RefUpdate_NonFastForwardWithoutForce_IsRejected()
    {
        var main = await _client.Git.Reference.Get("o", "r", "heads/main");
        var commit = await _client.Git.Commit.Get("o", "r", main.Object.Sha);
        var sibling = await _client.Git.Commit.Create("o", "r", new NewCommit("orphan", commit.Tree.Sha));

        var act = () => _client.Git.Reference.Update("o", "r", "heads/main", new ReferenceUpdate(sibling.Sha, force: false));

        await act.Should().ThrowAsync<ApiValidationException>().WithMessage("*not a fast forward*");
        await _client.Git.Reference.Update("o", "r", "heads/main", new ReferenceUpdate(sibling.Sha, force: true));
        _repo.RefUpdates.Should().ContainSingle().Which.Forced.Should().BeTrue();
    }

    [Fact]
    public async Task MissingRef_IsNotFound()
    {
        var act = () => _client.Git.Reference.Get("o", "r", "heads/nope");

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task PullRequests_DuplicateIsRejected_ListFiltersByHeadAndState_LabelsAreAdded()
    {
        await _repo.PushCommitAsync("topic", new Dictionary<string, string?> { ["top.txt"] = "changed\n" }, "topic");
        var pr = await _client.PullRequest.Create("o", "r", new NewPullRequest("t", "topic", "main") { Body = "b" });
        var duplicate = () => _client.PullRequest.Create("o", "r", new NewPullRequest("t", "topic", "main"));
        await duplicate.Should().ThrowAsync<ApiValidationException>();
        await _client.Issue.Labels.AddToIssue("o", "r", pr.Number, ["spark-optimizer"]);

        var open = await _client.PullRequest.GetAllForRepository("o", "r", new PullRequestRequest { Head = "o:topic" });
        var closed = await _client.PullRequest.GetAllForRepository("o", "r", new PullRequestRequest { Head = "o:topic", State = ItemStateFilter.Closed });
        var detail = await _client.PullRequest.Get("o", "r", pr.Number);

        open.Should().ContainSingle().Which.Labels.Should().ContainSingle(l => l.Name == "spark-optimizer");
        closed.Should().BeEmpty();
        detail.Mergeable.Should().BeTrue();
        detail.Head.Ref.Should().Be("topic");
    }

    [Fact]
    public async Task InjectedFaults_AreServedInOrderThenCleared()
    {
        _server.InjectFaults(1, new FakeFault(FakeFaultKind.ServerError));
        _server.InjectFaults(1, new FakeFault(FakeFaultKind.SecondaryRateLimit, TimeSpan.FromSeconds(5)));

        var first = () => _client.Repository.Get("o", "r");
        (await first.Should().ThrowAsync<ApiException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.InternalServerError);
        var second = await first.Should().ThrowAsync<ApiException>();
        second.Which.HttpResponse.Headers["Retry-After"].Should().Be("5");
        (await _client.Repository.Get("o", "r")).Name.Should().Be("r");
        _server.FaultsServed.Should().Be(2);
    }

    [Fact]
    public async Task Refs_ListAllAndBySubNamespace()
    {
        await _repo.PushCommitAsync("sparkoptimizer/default/pi", new Dictionary<string, string?> { ["x"] = "1\n" }, "x");

        var all = await _client.Git.Reference.GetAll("o", "r");
        var heads = await _client.Git.Reference.GetAllForSubNamespace("o", "r", "heads/sparkoptimizer");

        all.Select(r => r.Ref).Should().BeEquivalentTo(["refs/heads/main", "refs/heads/sparkoptimizer/default/pi"]);
        heads.Should().ContainSingle().Which.Ref.Should().Be("refs/heads/sparkoptimizer/default/pi");
    }

    [Fact]
    public async Task Contents_RootListing()
    {
        var root = await _client.Repository.Content.GetAllContents("o", "r");

        root.Select(c => c.Name).Should().BeEquivalentTo(["a", "top.txt"]);
    }
}
