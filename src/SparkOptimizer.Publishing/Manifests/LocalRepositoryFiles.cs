namespace SparkOptimizer.Publishing.Manifests;

/// <summary>Files of a local checkout (the plain-git publisher's work tree); <c>.git</c> is skipped.</summary>
public sealed class LocalRepositoryFiles(string root) : IRepositoryFiles
{
    private readonly string _root = Path.GetFullPath(root);

    public Task<IReadOnlyList<(string Path, long? Size)>> ListFilesAsync(CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        IReadOnlyList<(string, long?)> files = Directory.EnumerateFiles(_root, "*", options)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
            .Where(f => f != ".git" && !f.StartsWith(".git/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, (long?)new FileInfo(Path.Combine(_root, f)).Length))
            .ToList();
        return Task.FromResult(files);
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(Path.Combine(_root, RepositoryPath.Normalize(path)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        return await File.ReadAllTextAsync(full, cancellationToken);
    }
}
