namespace SparkOptimizer.Publishing.GitHub;

/// <summary>Settings of the GitHub publisher. The token never appears in <see cref="ToString"/> or in logs.</summary>
public sealed record GitHubPublisherOptions
{
    /// <summary>https://api.github.com/ for github.com; the server's root (e.g. https://ghe.example.com/) for GitHub Enterprise, where Octokit adds /api/v3/.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.github.com/");

    public required string Token { get; init; }

    /// <summary>The GitOps repository used when a change set carries no manifest location override.</summary>
    public string? Owner { get; init; }

    public string? Repository { get; init; }

    /// <summary>Branch to open pull requests against; the repository's default branch when null.</summary>
    public string? BaseBranch { get; init; }

    public string Label { get; init; } = PublishingDefaults.Label;

    public string AuthorName { get; init; } = PublishingDefaults.AuthorName;

    public string AuthorEmail { get; init; } = PublishingDefaults.AuthorEmail;

    /// <summary>
    /// How far (relative) a value may move and still count as the change set a reviewer rejected by closing its pull
    /// request; 0 means only the identical change set (same fingerprint) stays ignored.
    /// </summary>
    public double IgnoreTolerance { get; init; } = 0.1;

    /// <summary>When pull requests may be opened or updated (UTC); any time when null.</summary>
    public ScheduleWindow? Schedule { get; init; }

    /// <summary>At most this many of our pull requests open at once in the repository (null: no cap). Updates are not capped.</summary>
    public int? MaxOpenPullRequests { get; init; }

    /// <summary>At most this many new pull requests of ours per rolling hour in the repository (null: no cap).</summary>
    public int? MaxNewPullRequestsPerHour { get; init; }

    public int MaxAttempts { get; init; } = 6;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a rate limit may make us wait before giving up (the operator retries on its next reconcile).</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(5);

    public override string ToString() =>
        $"GitHubPublisherOptions {{ BaseUrl = {BaseUrl}, Owner = {Owner}, Repository = {Repository}, BaseBranch = {BaseBranch}, Label = {Label}, Token = *** }}";
}
