using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing.Git;

/// <summary>
/// Publishes a change set as a branch on any git remote with the <c>git</c> CLI: fetch, one regenerated commit on the
/// base, push with <c>--force-with-lease</c>. The same etiquette as the GitHub publisher where git alone can carry it:
/// a deterministic branch, nothing pushed when the branch already carries the fingerprint and merges cleanly, hands off
/// when the branch head is not our commit. Without a pull-request API there is no "closed" state, so nothing is ignored;
/// the host's own review flow opens the request from the branch.
/// </summary>
public sealed class GitBranchPublisher(GitPublisherOptions options, TimeProvider? time = null, ILogger<GitBranchPublisher>? logger = null, YamlLimits? limits = null) : IManifestPublisher
{
    // One work tree serves every app: publishes that share it take turns (the operator reconciles apps concurrently).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WorkTreeLocks = new(StringComparer.Ordinal);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly ManifestLocator _locator = new(limits);
    private readonly ManifestEditor _editor = new(limits);

    public async Task<PublishResult> PublishAsync(ManifestChangeSet changeSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        var gate = WorkTreeLocks.GetOrAdd(Path.GetFullPath(options.WorkDirectory), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await PublishLockedAsync(changeSet, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PublishResult> PublishLockedAsync(ManifestChangeSet changeSet, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var branch = changeSet.App.BranchName;
        var fingerprint = changeSet.Fingerprint;
        var git = await OpenAsync(ct);

        var baseBranch = options.BaseBranch ?? await RemoteHeadAsync(git, ct);
        var baseSha = await git.RunAsync(ct, "rev-parse", "--verify", $"refs/remotes/origin/{baseBranch}^{{commit}}");
        var (found, remoteHead, _) = await git.TryRunAsync(ct, "rev-parse", "--verify", "--quiet", $"refs/remotes/origin/{branch}^{{commit}}");
        string? branchSha = found == 0 ? remoteHead : null;

        var outcome = PublishOutcome.Created;
        if (branchSha is not null)
        {
            var info = (await git.RunAsync(ct, "log", "-1", "--format=%ae%x00%ce%x00%B", branchSha)).Split('\0');
            var ours = string.Equals(info[0], options.AuthorEmail, StringComparison.OrdinalIgnoreCase)
                && string.Equals(info[1], options.AuthorEmail, StringComparison.OrdinalIgnoreCase)
                && CommitMessage.Fingerprint(info[2]) is not null;
            if (!ours)
            {
                _logger.LogInformation("Branch {Branch} has commits by someone else; leaving it alone", branch);
                return new PublishResult(PublishOutcome.SkippedForeignCommits, branch, fingerprint, Message: "Someone else pushed to the branch.");
            }

            if (CommitMessage.Fingerprint(info[2]) == fingerprint)
            {
                var (conflict, _, _) = await git.TryRunAsync(ct, "merge-tree", "--write-tree", baseSha, branchSha);
                if (conflict == 0)
                {
                    return new PublishResult(PublishOutcome.Unchanged, branch, fingerprint, CommitSha: branchSha);
                }

                outcome = PublishOutcome.Rebased;
            }
            else
            {
                outcome = PublishOutcome.Updated;
            }
        }

        await git.RunAsync(ct, "checkout", "--quiet", "--force", "--detach", baseSha);
        await git.RunAsync(ct, "clean", "--quiet", "-fdx");
        var located = await _locator.LocateAsync(new LocalRepositoryFiles(git.WorkTree), changeSet.App, changeSet.ManifestOverride?.Path, ct);
        var edit = _editor.Edit(located.Text, changeSet.App, changeSet.Changes, located.InheritedNamespace);
        if (!edit.Changed)
        {
            return new PublishResult(PublishOutcome.NothingToChange, branch, fingerprint, Message: "The manifest already holds every recommended value.");
        }

        await File.WriteAllTextAsync(Path.Combine(git.WorkTree, located.Path), edit.Text, ct);
        await git.RunAsync(ct, "add", "--", located.Path);
        var date = $"{_time.GetUtcNow().ToUnixTimeSeconds()} +0000";
        var committing = new GitCli(git.WorkTree, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = options.AuthorName,
            ["GIT_AUTHOR_EMAIL"] = options.AuthorEmail,
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_NAME"] = options.AuthorName,
            ["GIT_COMMITTER_EMAIL"] = options.AuthorEmail,
            ["GIT_COMMITTER_DATE"] = date,
        });
        await committing.RunAsync(ct, "commit", "--quiet", "--no-verify", "-m", CommitMessage.Build(changeSet, edit.Edits));
        var commit = await git.RunAsync(ct, "rev-parse", "HEAD");

        // The lease: the branch must still be where we saw it (or still absent), so a push that raced a person fails.
        await git.RunAsync(ct, "push", "--quiet", "--porcelain", $"--force-with-lease=refs/heads/{branch}:{branchSha ?? string.Empty}", "origin", $"{commit}:refs/heads/{branch}");
        _logger.LogInformation("{Outcome} branch {Branch} for {App} ({Fingerprint})", outcome, branch, changeSet.App, fingerprint);
        return new PublishResult(outcome, branch, fingerprint, ManifestPath: located.Path, CommitSha: commit, Edits: edit.Edits);
    }

    private async Task<GitCli> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var git = new GitCli(Path.GetFullPath(options.WorkDirectory));
        if (!Directory.Exists(Path.Combine(options.WorkDirectory, ".git")))
        {
            await git.RunAsync(ct, "init", "--quiet");
            await git.RunAsync(ct, "remote", "add", "origin", options.RemoteUrl);
        }
        else
        {
            await git.RunAsync(ct, "remote", "set-url", "origin", options.RemoteUrl);
        }

        await git.RunAsync(ct, "fetch", "--quiet", "--prune", "--no-tags", "origin", "+refs/heads/*:refs/remotes/origin/*");
        return git;
    }

    private static async Task<string> RemoteHeadAsync(GitCli git, CancellationToken ct)
    {
        var line = (await git.RunAsync(ct, "ls-remote", "--symref", "origin", "HEAD")).Split('\n').FirstOrDefault(l => l.StartsWith("ref: ", StringComparison.Ordinal));
        return line is null
            ? throw new GitCommandException("The remote has no HEAD; set the base branch.")
            : line["ref: refs/heads/".Length..line.IndexOf('\t', StringComparison.Ordinal)];
    }
}
