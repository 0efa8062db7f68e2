using SparkOptimizer.Ingest.Sources;

namespace SparkOptimizer.Mcp.Access;

/// <summary>
/// Local paths under the given folders and nothing else (no URI): what `serve DIR` lets a remote caller read. A root
/// that is itself a symbolic link also admits the folder it points to, since real paths are checked too.
/// </summary>
public sealed class FolderLogAccess : ILogAccessPolicy
{
    private readonly IReadOnlyList<string> _roots;

    public FolderLogAccess(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var given = roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Path.GetFullPath).ToList();
        _roots = RealPath.WithTargets(given);
        Scope = $"local paths under {string.Join(", ", given)} (history on that folder lists its logs)";
        BaseFolder = given.FirstOrDefault();
    }

    public string? BaseFolder { get; }

    public string Scope { get; }

    public bool Allows(string location, out string reason)
    {
        reason = string.Empty;
        if (EventLogSourceResolver.LocalPath(location) is not { } local)
        {
            reason = "only local paths under the served folder are allowed here, not URIs";
            return false;
        }

        if (RealPath.IsUnder(Path.GetFullPath(local), _roots))
        {
            return true;
        }

        reason = $"'{Model.InputBounds.Echo(location)}' is outside the served folder";
        return false;
    }
}
