using System.Text;

namespace SparkOptimizer.Testing.GitHub;

/// <summary>One repository of the fake server: a real bare repository plus the pull requests GitHub would keep beside it.</summary>
public sealed class FakeRepository
{
    internal FakeRepository(long id, string owner, string name, string defaultBranch, BareRepository git)
    {
        (Id, Owner, Name, DefaultBranch, Git) = (id, owner, name, defaultBranch, git);
    }

    public long Id { get; }

    public string Owner { get; }

    public string Name { get; }

    public string DefaultBranch { get; }

    public BareRepository Git { get; }

    internal List<FakePullRequest> Pulls { get; } = [];

    internal List<FakeIssue> IssueList { get; } = [];

    internal int NextNumber { get; set; } = 1;

    public IReadOnlyList<FakeIssue> Issues
    {
        get
        {
            lock (IssueList)
            {
                return IssueList.ToList();
            }
        }
    }

    /// <summary>Every ref change made through the API: (ref, old sha, new sha, whether it was a non-fast-forward).</summary>
    public List<(string Ref, string? Old, string New, bool Forced)> RefUpdates { get; } = [];

    public IReadOnlyList<FakePullRequest> PullRequests
    {
        get
        {
            lock (Pulls)
            {
                return Pulls.ToList();
            }
        }
    }

    public string CloneUrl => Git.Path;

    /// <summary>Branch protection that requires an approving review: merges through the API are refused with 405, as GitHub does.</summary>
    public bool RequireReviews { get; set; }

    /// <summary>Commits files onto a branch directly in git, as a person pushing would (not through the API). A new branch starts from the default branch.</summary>
    public async Task<string> PushCommitAsync(string branch, IReadOnlyDictionary<string, string?> files, string message, GitSignature? who = null, DateTimeOffset? when = null)
    {
        who ??= new GitSignature("Test Human", "human@example.com", when ?? DateTimeOffset.UnixEpoch.AddYears(56));
        var existing = await Git.ResolveAsync("refs/heads/" + branch);
        var parent = existing ?? await Git.ResolveAsync("refs/heads/" + DefaultBranch);
        string? baseTree = parent is null ? null : (await Git.ReadCommitAsync(parent))!.Tree;
        var changes = new List<(string, string, string?)>();
        foreach (var (path, content) in files)
        {
            changes.Add((path, "100644", content is null ? null : await Git.HashObjectAsync(Encoding.UTF8.GetBytes(content))));
        }

        var tree = await Git.BuildTreeAsync(baseTree, changes);
        var commit = await Git.CommitTreeAsync(tree, parent is null ? [] : [parent], message, who, who);
        await Git.UpdateRefAsync("refs/heads/" + branch, commit, existing ?? string.Empty);
        return commit;
    }

    public Task<string?> ReadFileAsync(string revision, string path) => Git.ReadFileAsync(revision, path);

    /// <summary>Closes a pull request without merging, as a reviewer would in the UI.</summary>
    public void Close(int number, DateTimeOffset when)
    {
        lock (Pulls)
        {
            var pr = Pulls.Single(p => p.Number == number);
            pr.State = "closed";
            pr.ClosedAt = when;
        }
    }
}
