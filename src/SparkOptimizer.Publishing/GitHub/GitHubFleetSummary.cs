using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octokit;

namespace SparkOptimizer.Publishing.GitHub;

/// <summary>
/// The fleet summary as one GitHub issue in the GitOps repository (title <see cref="FleetSummaryMarkdown.Title"/>, our
/// label), created once and then edited in place; written only when its body changes. Proposal states come from our
/// pull requests; the operator adds Verified/Regressed from the runs after a merge.
/// </summary>
public sealed class GitHubFleetSummary
{
    private readonly GitHubPublisherOptions _options;
    private readonly IGitHubClient _client;
    private readonly GitHubRetryPolicy _retry;

    public GitHubFleetSummary(GitHubPublisherOptions options, TimeProvider? time = null, Func<TimeSpan, CancellationToken, Task>? delay = null, ILogger<GitHubFleetSummary>? logger = null, IGitHubClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = client ?? GitHubConnection.CreateClient(options);
        _retry = GitHubConnection.CreateRetry(options, time ?? TimeProvider.System, delay, logger ?? (ILogger)NullLogger.Instance);
    }

    private string Owner => _options.Owner ?? throw new InvalidOperationException("The fleet summary needs the publisher's Owner.");

    private string Repo => _options.Repository ?? throw new InvalidOperationException("The fleet summary needs the publisher's Repository.");

    /// <summary>The latest proposal per app, read from our pull requests (one branch per app, newest pull request wins).</summary>
    public async Task<IReadOnlyList<ProposalSummary>> ReadProposalsAsync(CancellationToken cancellationToken = default)
    {
        var request = new PullRequestRequest { State = ItemStateFilter.All };
        var pulls = await _retry.RunAsync("list pull requests", () => _client.PullRequest.GetAllForRepository(Owner, Repo, request), cancellationToken);
        return pulls
            .Where(p => p.Head?.Ref?.StartsWith(PublishingDefaults.BranchPrefix, StringComparison.Ordinal) == true)
            .GroupBy(p => p.Head.Ref, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Number).First())
            .Select(p => new ProposalSummary(
                p.Head.Ref[PublishingDefaults.BranchPrefix.Length..],
                p.State.Value == ItemState.Open ? ProposalState.Pending : p.Merged ? ProposalState.Merged : ProposalState.Ignored,
                PullRequestMetadata.Parse(p.Body)?.Fingerprint,
                p.Number,
                p.HtmlUrl))
            .OrderBy(p => p.App, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Creates or updates the summary issue; returns its number. No write when the body is already current.</summary>
    public async Task<int> PublishAsync(IEnumerable<ProposalSummary> proposals, CancellationToken cancellationToken = default)
    {
        var body = FleetSummaryMarkdown.Render(proposals);
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open, Filter = IssueFilter.All };
        request.Labels.Add(_options.Label);
        var issues = await _retry.RunAsync("list issues", () => _client.Issue.GetAllForRepository(Owner, Repo, request), cancellationToken);
        var existing = issues.Where(i => i.PullRequest is null && i.Title == FleetSummaryMarkdown.Title).OrderBy(i => i.Number).FirstOrDefault();
        if (existing is null)
        {
            var issue = new NewIssue(FleetSummaryMarkdown.Title) { Body = body };
            issue.Labels.Add(_options.Label);
            return (await _retry.RunAsync("create issue", () => _client.Issue.Create(Owner, Repo, issue), cancellationToken)).Number;
        }

        if (existing.Body != body)
        {
            await _retry.RunAsync("update issue", () => _client.Issue.Update(Owner, Repo, existing.Number, new IssueUpdate { Body = body }), cancellationToken);
        }

        return existing.Number;
    }
}
