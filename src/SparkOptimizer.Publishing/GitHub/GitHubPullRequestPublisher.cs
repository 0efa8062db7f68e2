using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octokit;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing.GitHub;

/// <summary>
/// Opens and maintains one pull request per app on GitHub or GitHub Enterprise, Renovate's way:
/// a deterministic branch found again by name; one regenerated commit on the current base when the change set changes;
/// hands off when someone else pushes; a pull request closed unmerged makes its fingerprint ignored; rebases only on conflict.
/// Every call is retried on 5xx and rate limits. State lives in GitHub (branch, trailer, hidden metadata), so a restarted
/// publisher finds what the last one did and never opens a duplicate.
/// </summary>
public sealed class GitHubPullRequestPublisher : IManifestPublisher
{
    private readonly GitHubPublisherOptions _options;
    private readonly IGitHubClient _client;
    private readonly GitHubRetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly ManifestLocator _locator;
    private readonly ManifestEditor _editor;
    private readonly ILogger _logger;

    public GitHubPullRequestPublisher(
        GitHubPublisherOptions options,
        TimeProvider? time = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null,
        ILogger<GitHubPullRequestPublisher>? logger = null,
        IGitHubClient? client = null,
        YamlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _client = client ?? GitHubConnection.CreateClient(options);
        _retry = GitHubConnection.CreateRetry(options, _time, delay, _logger);
        _locator = new ManifestLocator(limits);
        _editor = new ManifestEditor(limits);
    }

    public async Task<PublishResult> PublishAsync(ManifestChangeSet changeSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeSet);
        var result = await ProposeAsync(changeSet, cancellationToken);
        return changeSet.AutoMerge && result.PullRequestNumber is not null
            && result.Outcome is PublishOutcome.Created or PublishOutcome.Updated or PublishOutcome.Rebased or PublishOutcome.Unchanged
            ? await MergeAsync(changeSet, result, cancellationToken)
            : result;
    }

    /// <summary>
    /// Merges our own pull request (an app on the autoMerge trust level, a low-risk change set): only the head commit we pushed
    /// (the merge names its SHA, so a commit someone added meanwhile makes GitHub refuse), and a refusal (branch protection,
    /// required reviews or checks) leaves the pull request open for a person, with the reason in the result.
    /// </summary>
    private async Task<PublishResult> MergeAsync(ManifestChangeSet changeSet, PublishResult opened, CancellationToken cancellationToken)
    {
        var (owner, repo) = RepositoryOf(changeSet);
        var ctx = new Context(owner, repo, opened.Branch, opened.Fingerprint, changeSet, cancellationToken);
        var number = opened.PullRequestNumber!.Value;
        try
        {
            var head = opened.CommitSha ?? (await Call("get pull request", () => _client.PullRequest.Get(owner, repo, number), ctx)).Head.Sha;
            var merge = new MergePullRequest { Sha = head, CommitTitle = $"{PullRequestMetadata.Title(changeSet)} (#{number}, auto-merged)" };
            var merged = await Call("merge pull request", () => _client.PullRequest.Merge(owner, repo, number, merge), ctx);
            if (merged.Merged)
            {
                _logger.LogInformation("Auto-merged pull request #{Number} for {App} ({Fingerprint})", number, changeSet.App, opened.Fingerprint);
                return opened with { Merged = true, MergeCommitSha = merged.Sha };
            }

            return opened with { Message = $"Not auto-merged: {merged.Message}" };
        }
        catch (ApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.MethodNotAllowed or System.Net.HttpStatusCode.Conflict
            or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.UnprocessableEntity)
        {
            _logger.LogInformation("Pull request #{Number} for {App} left for a person: {Reason}", number, changeSet.App, ex.Message);
            return opened with { Message = $"Not auto-merged (GitHub refused: {ex.Message}); left open for review." };
        }
    }

    private async Task<PublishResult> ProposeAsync(ManifestChangeSet changeSet, CancellationToken cancellationToken)
    {
        var (owner, repo) = RepositoryOf(changeSet);
        var branch = changeSet.App.BranchName;
        var fingerprint = changeSet.Fingerprint;
        if (_options.Schedule is { } schedule && !schedule.Contains(_time.GetUtcNow()))
        {
            return new PublishResult(PublishOutcome.OutsideSchedule, branch, fingerprint, Message: "Outside the schedule window.");
        }

        var ctx = new Context(owner, repo, branch, fingerprint, changeSet, cancellationToken);

        var repository = await Call("get repository", () => _client.Repository.Get(owner, repo), ctx);
        var baseBranch = _options.BaseBranch ?? repository.DefaultBranch;
        var pulls = (await FindPullsAsync(ctx)).ToList();

        var open = pulls.Where(p => p.State.Value == ItemState.Open).OrderBy(p => p.Number).FirstOrDefault();
        if (open is not null)
        {
            return await MaintainAsync(ctx, open, baseBranch);
        }

        var rejected = pulls.Where(p => p.State.Value == ItemState.Closed && !p.Merged).Select(p => PullRequestMetadata.Parse(p.Body)).OfType<PullRequestMetadata>();
        if (rejected.Any(r => r.Fingerprint == fingerprint
            || !MaterialChange.IsMateriallyDifferent(r.Changes.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().To, StringComparer.Ordinal), changeSet.Changes, _options.IgnoreTolerance)))
        {
            _logger.LogInformation("Change set {Fingerprint} for {App} was closed without merging before; not proposing it again", fingerprint, changeSet.App);
            return new PublishResult(PublishOutcome.Ignored, branch, fingerprint, Message: "A pull request with this change set was closed without merging.");
        }

        if (await FleetCapReachedAsync(ctx) is { } cap)
        {
            _logger.LogInformation("Not opening a pull request for {App} yet: {Cap}", changeSet.App, cap);
            return new PublishResult(PublishOutcome.Deferred, branch, fingerprint, Message: cap);
        }

        // A branch without an open pull request is left over from a merged or closed one, or from a crash between
        // creating the branch and the pull request: reuse it if the head is ours, never overwrite someone else's work.
        var existing = await TryGetBranchHeadAsync(ctx);
        if (existing is not null && !IsOurs(await Call("get commit", () => _client.Git.Commit.Get(owner, repo, existing), ctx)))
        {
            return new PublishResult(PublishOutcome.SkippedForeignCommits, branch, fingerprint, Message: $"Branch {branch} exists with commits that are not ours; delete it to let Spark Optimizer propose again.");
        }

        var baseSha = await BaseShaAsync(ctx, baseBranch);
        var proposal = await BuildCommitAsync(ctx, baseSha);
        if (proposal is null)
        {
            return new PublishResult(PublishOutcome.NothingToChange, branch, fingerprint, Message: "The manifest already holds every recommended value.");
        }

        if (existing is not null)
        {
            await Call("update branch", () => _client.Git.Reference.Update(owner, repo, $"heads/{branch}", new ReferenceUpdate(proposal.Value.Sha, force: true)), ctx);
        }
        else
        {
            await CreateBranchAsync(ctx, proposal.Value.Sha);
        }

        var pr = await CreatePullAsync(ctx, baseBranch, proposal.Value.Path, proposal.Value.Edits);
        await EnsureLabelAsync(ctx, pr);
        _logger.LogInformation("Opened pull request #{Number} for {App} ({Fingerprint})", pr.Number, changeSet.App, fingerprint);
        return new PublishResult(PublishOutcome.Created, branch, fingerprint, pr.Number, pr.HtmlUrl, proposal.Value.Path, proposal.Value.Sha, proposal.Value.Edits);
    }

    private async Task<PublishResult> MaintainAsync(Context ctx, PullRequest open, string baseBranch)
    {
        var headSha = await TryGetBranchHeadAsync(ctx) ?? open.Head.Sha;
        var head = await Call("get commit", () => _client.Git.Commit.Get(ctx.Owner, ctx.Repo, headSha), ctx);
        if (!IsOurs(head))
        {
            _logger.LogInformation("Pull request #{Number} for {App} has commits by someone else; leaving it alone", open.Number, ctx.ChangeSet.App);
            return new PublishResult(PublishOutcome.SkippedForeignCommits, ctx.Branch, ctx.Fingerprint, open.Number, open.HtmlUrl, Message: "Someone else pushed to the branch.");
        }

        await EnsureLabelAsync(ctx, open);
        PublishOutcome outcome;
        if (CommitMessage.Fingerprint(head.Message) == ctx.Fingerprint)
        {
            // Same proposal: a base that moved is no reason to push again; only a conflict is (Renovate's "rebase when conflicted").
            var detail = await Call("get pull request", () => _client.PullRequest.Get(ctx.Owner, ctx.Repo, open.Number), ctx);
            if (detail.Mergeable != false)
            {
                return new PublishResult(PublishOutcome.Unchanged, ctx.Branch, ctx.Fingerprint, open.Number, open.HtmlUrl, CommitSha: headSha);
            }

            outcome = PublishOutcome.Rebased;
        }
        else
        {
            outcome = PublishOutcome.Updated;
        }

        var baseSha = await BaseShaAsync(ctx, baseBranch);
        var proposal = await BuildCommitAsync(ctx, baseSha);
        if (proposal is null)
        {
            return new PublishResult(PublishOutcome.NothingToChange, ctx.Branch, ctx.Fingerprint, open.Number, open.HtmlUrl, Message: "The base branch already holds every recommended value.");
        }

        await Call("force-update branch", () => _client.Git.Reference.Update(ctx.Owner, ctx.Repo, $"heads/{ctx.Branch}", new ReferenceUpdate(proposal.Value.Sha, force: true)), ctx);
        if (outcome == PublishOutcome.Updated)
        {
            var update = new PullRequestUpdate
            {
                Title = PullRequestMetadata.Title(ctx.ChangeSet),
                Body = PullRequestMetadata.Body(ctx.ChangeSet, proposal.Value.Path, proposal.Value.Edits),
            };
            await Call("update pull request", () => _client.PullRequest.Update(ctx.Owner, ctx.Repo, open.Number, update), ctx);
        }

        _logger.LogInformation("{Outcome} pull request #{Number} for {App} ({Fingerprint})", outcome, open.Number, ctx.ChangeSet.App, ctx.Fingerprint);
        return new PublishResult(outcome, ctx.Branch, ctx.Fingerprint, open.Number, open.HtmlUrl, proposal.Value.Path, proposal.Value.Sha, proposal.Value.Edits);
    }

    /// <summary>One commit on <paramref name="baseSha"/> that edits the manifest; null when the manifest already has the values.</summary>
    private async Task<(string Sha, string Path, IReadOnlyList<AppliedEdit> Edits)?> BuildCommitAsync(Context ctx, string baseSha)
    {
        var (owner, repo) = (ctx.Owner, ctx.Repo);
        var baseCommit = await Call("get base commit", () => _client.Git.Commit.Get(owner, repo, baseSha), ctx);
        var files = new GitHubRepositoryFiles(_client, _retry, owner, repo, baseCommit.Tree.Sha);
        var located = await _locator.LocateAsync(files, ctx.ChangeSet.App, ctx.ChangeSet.ManifestOverride?.Path, ctx.Cancellation);
        var edit = _editor.Edit(located.Text, ctx.ChangeSet.App, ctx.ChangeSet.Changes, located.InheritedNamespace);
        if (!edit.Changed)
        {
            return null;
        }

        var blob = await Call("create blob", () => _client.Git.Blob.Create(owner, repo, new NewBlob { Content = edit.Text, Encoding = EncodingType.Utf8 }), ctx);
        var newTree = new NewTree { BaseTree = baseCommit.Tree.Sha };
        newTree.Tree.Add(new NewTreeItem { Path = located.Path, Mode = await files.ModeOfAsync(located.Path, ctx.Cancellation), Type = TreeType.Blob, Sha = blob.Sha });
        var tree = await Call("create tree", () => _client.Git.Tree.Create(owner, repo, newTree), ctx);
        var signature = new Committer(_options.AuthorName, _options.AuthorEmail, _time.GetUtcNow());
        var commit = await Call("create commit", () => _client.Git.Commit.Create(owner, repo,
            new NewCommit(CommitMessage.Build(ctx.ChangeSet, edit.Edits), tree.Sha, baseSha) { Author = signature, Committer = signature }), ctx);
        return (commit.Sha, located.Path, edit.Edits);
    }

    private async Task<IReadOnlyList<PullRequest>> FindPullsAsync(Context ctx)
    {
        var request = new PullRequestRequest { State = ItemStateFilter.All, Head = $"{ctx.Owner}:{ctx.Branch}" };
        var pulls = await Call("list pull requests", () => _client.PullRequest.GetAllForRepository(ctx.Owner, ctx.Repo, request), ctx);
        return pulls.Where(p => p.Head?.Ref == ctx.Branch).ToList();
    }

    /// <summary>Renovate's fleet caps: our open pull requests, and those created in the last hour. Null when a new one may open.</summary>
    private async Task<string?> FleetCapReachedAsync(Context ctx)
    {
        if (_options.MaxOpenPullRequests is null && _options.MaxNewPullRequestsPerHour is null)
        {
            return null;
        }

        var request = new PullRequestRequest { State = _options.MaxNewPullRequestsPerHour is null ? ItemStateFilter.Open : ItemStateFilter.All };
        var ours = (await Call("list pull requests", () => _client.PullRequest.GetAllForRepository(ctx.Owner, ctx.Repo, request), ctx))
            .Where(p => p.Head?.Ref?.StartsWith(PublishingDefaults.BranchPrefix, StringComparison.Ordinal) == true).ToList();
        var open = ours.Count(p => p.State.Value == ItemState.Open);
        if (open >= _options.MaxOpenPullRequests)
        {
            return $"{open} pull requests are open (cap {_options.MaxOpenPullRequests}).";
        }

        var since = _time.GetUtcNow().AddHours(-1);
        var recent = ours.Count(p => p.CreatedAt >= since);
        return recent >= _options.MaxNewPullRequestsPerHour ? $"{recent} pull requests were opened in the last hour (cap {_options.MaxNewPullRequestsPerHour})." : null;
    }

    private async Task<PullRequest> CreatePullAsync(Context ctx, string baseBranch, string path, IReadOnlyList<AppliedEdit> edits)
    {
        var request = new NewPullRequest(PullRequestMetadata.Title(ctx.ChangeSet), ctx.Branch, baseBranch) { Body = PullRequestMetadata.Body(ctx.ChangeSet, path, edits) };
        try
        {
            return await Call("create pull request", () => _client.PullRequest.Create(ctx.Owner, ctx.Repo, request), ctx);
        }
        catch (ApiValidationException ex) when (ex.ApiError?.Errors?.Any(e => e.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true) == true)
        {
            // A retried create that GitHub had already done: use the one that exists.
            return (await FindPullsAsync(ctx)).First(p => p.State.Value == ItemState.Open);
        }
    }

    private async Task CreateBranchAsync(Context ctx, string sha)
    {
        try
        {
            await Call("create branch", () => _client.Git.Reference.Create(ctx.Owner, ctx.Repo, new NewReference($"refs/heads/{ctx.Branch}", sha)), ctx);
        }
        catch (ApiValidationException)
        {
            // Created meanwhile (a retried request that had succeeded): point it at our commit.
            await Call("update branch", () => _client.Git.Reference.Update(ctx.Owner, ctx.Repo, $"heads/{ctx.Branch}", new ReferenceUpdate(sha, force: true)), ctx);
        }
    }

    private async Task EnsureLabelAsync(Context ctx, PullRequest pr)
    {
        if (pr.Labels?.Any(l => l.Name == _options.Label) == true)
        {
            return;
        }

        await Call("add label", () => _client.Issue.Labels.AddToIssue(ctx.Owner, ctx.Repo, pr.Number, [_options.Label]), ctx);
    }

    private async Task<string> BaseShaAsync(Context ctx, string baseBranch) =>
        (await Call("get base branch", () => _client.Git.Reference.Get(ctx.Owner, ctx.Repo, $"heads/{baseBranch}"), ctx)).Object.Sha;

    private async Task<string?> TryGetBranchHeadAsync(Context ctx)
    {
        try
        {
            return (await Call("get branch", () => _client.Git.Reference.Get(ctx.Owner, ctx.Repo, $"heads/{ctx.Branch}"), ctx)).Object.Sha;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Our commit: authored and committed by our identity, with our fingerprint trailer.</summary>
    private bool IsOurs(Commit commit) =>
        string.Equals(commit.Author?.Email, _options.AuthorEmail, StringComparison.OrdinalIgnoreCase)
        && string.Equals(commit.Committer?.Email, _options.AuthorEmail, StringComparison.OrdinalIgnoreCase)
        && CommitMessage.Fingerprint(commit.Message) is not null;

    private (string Owner, string Repo) RepositoryOf(ManifestChangeSet changeSet) => changeSet.ManifestOverride is { } location
        ? (location.Owner, location.Repository)
        : (_options.Owner ?? throw new InvalidOperationException("No GitOps repository: set the publisher's Owner/Repository or the sparkoptimizer.io/manifest annotation."),
           _options.Repository ?? throw new InvalidOperationException("No GitOps repository configured."));

    private Task<T> Call<T>(string operation, Func<Task<T>> call, Context ctx) => _retry.RunAsync(operation, call, ctx.Cancellation);

    private Task Call(string operation, Func<Task> call, Context ctx) => _retry.RunAsync(operation, call, ctx.Cancellation);

    private sealed record Context(string Owner, string Repo, string Branch, string Fingerprint, ManifestChangeSet ChangeSet, CancellationToken Cancellation);
}
