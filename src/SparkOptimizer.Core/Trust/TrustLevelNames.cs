namespace SparkOptimizer.Trust;

/// <summary>The CRD and Helm spelling of trust levels ("observe", "recommend", "pullRequest", "autoMerge"); unknown or empty is the default, pullRequest.</summary>
public static class TrustLevelNames
{
    public const TrustLevel Default = TrustLevel.PullRequest;

    public static TrustLevel Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "observe" => TrustLevel.Observe,
        "recommend" => TrustLevel.Recommend,
        "pullrequest" => TrustLevel.PullRequest,
        "automerge" => TrustLevel.AutoMerge,
        _ => Default,
    };

    public static string Format(TrustLevel level) => level switch
    {
        TrustLevel.Observe => "observe",
        TrustLevel.Recommend => "recommend",
        TrustLevel.AutoMerge => "autoMerge",
        _ => "pullRequest",
    };
}
