namespace SparkOptimizer.Publishing.Git;

/// <summary>Settings of the plain-git publisher, for Git hosts other than GitHub. The remote URL may hold credentials and is never printed.</summary>
public sealed record GitPublisherOptions
{
    /// <summary>Any URL git can push to: https (credentials in the URL or a credential helper), ssh, or a local bare repository path.</summary>
    public required string RemoteUrl { get; init; }

    /// <summary>A folder the publisher owns for its clone; reused between calls (fetch instead of clone).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Branch to branch from; the remote's HEAD when null.</summary>
    public string? BaseBranch { get; init; }

    public string AuthorName { get; init; } = PublishingDefaults.AuthorName;

    public string AuthorEmail { get; init; } = PublishingDefaults.AuthorEmail;

    public override string ToString() => $"GitPublisherOptions {{ RemoteUrl = ***, WorkDirectory = {WorkDirectory}, BaseBranch = {BaseBranch} }}";
}
