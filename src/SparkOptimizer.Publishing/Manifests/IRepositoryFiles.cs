namespace SparkOptimizer.Publishing.Manifests;

/// <summary>A read-only view of one commit's files, wherever they live (the GitHub API, a local clone).</summary>
public interface IRepositoryFiles
{
    /// <summary>Every file path (relative, '/'-separated) with its size in bytes when known.</summary>
    Task<IReadOnlyList<(string Path, long? Size)>> ListFilesAsync(CancellationToken cancellationToken);

    /// <summary>The file's text, or null when it does not exist.</summary>
    Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken);
}
