namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// The names directly inside a folder that start with given prefixes, as each source lists them (a local folder, an S3 or GCS
/// prefix with the '/' delimiter, an Azure container path by hierarchy): files and sub-folders alike, without the folder's own
/// path. How the operator finds the log Spark really wrote when the manifest does not say how Spark names it.
/// </summary>
internal static class FolderListing
{
    /// <summary>Most names one listing returns (the prefixes are an app id: a few names, unless something is very wrong).</summary>
    public const int MaxNames = 1000;

    public static IReadOnlyList<string> Local(string folder, IReadOnlyList<string> prefixes)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(folder));
        if (!dir.Exists)
        {
            throw new EventLogFormatException(folder, "no such folder");
        }

        try
        {
            return Bounded(dir.EnumerateFileSystemInfos().Select(e => e.Name).Where(n => Starts(n, prefixes)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EventLogFormatException(folder, $"cannot list folder: {ex.Message}");
        }
    }

    /// <summary>The key prefix that lists names starting with <paramref name="prefix"/> inside <paramref name="folderKey"/>.</summary>
    public static string KeyPrefix(string folderKey, string prefix) =>
        folderKey.TrimEnd('/') is { Length: > 0 } folder ? $"{folder}/{prefix}" : prefix;

    /// <summary>The name of a listed key (an object, or a common prefix ending in '/') inside its folder.</summary>
    public static string NameOf(string key)
    {
        var trimmed = key.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    public static IReadOnlyList<string> Bounded(IEnumerable<string> names) =>
        names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxNames).ToArray();

    private static bool Starts(string name, IReadOnlyList<string> prefixes) =>
        prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
