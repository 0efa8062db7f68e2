namespace SparkOptimizer.Testing.GitHub;

/// <summary>A pull request as the fake server keeps it.</summary>
public sealed class FakePullRequest
{
    public required int Number { get; init; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public required string HeadRef { get; init; }

    public required string BaseRef { get; set; }

    public string State { get; set; } = "open";

    public bool Merged { get; set; }

    public string? MergeCommitSha { get; set; }

    public List<string> Labels { get; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The head sha when the branch is gone (after a merge and branch delete).</summary>
    public string? LastHeadSha { get; set; }
}
