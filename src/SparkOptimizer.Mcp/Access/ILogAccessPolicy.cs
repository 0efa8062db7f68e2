namespace SparkOptimizer.Mcp.Access;

/// <summary>
/// Which event-log locations the tools may read for their caller. The tools ask before anything is opened (the path as
/// given, made absolute), again for its real path once symbolic links are followed, and for every file a folder turns
/// out to hold; a refusal becomes a tool error with the reason.
/// </summary>
public interface ILogAccessPolicy
{
    /// <summary>True when the tools may read <paramref name="location"/> (an absolute local path or a URI); else <paramref name="reason"/> says why.</summary>
    bool Allows(string location, out string reason);

    /// <summary>What may be read, in a phrase for the assistant (added to the server's instructions), e.g. "local paths under /data/logs".</summary>
    string Scope { get; }

    /// <summary>The folder a relative path is resolved against (the served folder); null resolves it against the working directory.</summary>
    string? BaseFolder => null;
}
