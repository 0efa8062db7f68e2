namespace SparkOptimizer.Mcp.Access;

/// <summary>Where a local path really is once every symbolic link on it (not only the last) is followed.</summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The real path of an absolute path; parts that do not exist are kept as they are.</summary>
    public static string Of(string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        var links = 0;
        return Resolve(Path.GetFullPath(fullPath), ref links);
    }

    /// <summary>The roots as given plus, for those that are or pass through links, their real paths.</summary>
    public static IReadOnlyList<string> WithTargets(IEnumerable<string> roots) =>
        roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Path.GetFullPath).SelectMany(r => new[] { r, Of(r) }).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when the path is one of the roots or inside one (compared whole component by component, never as a string prefix).</summary>
    public static bool IsUnder(string fullPath, IEnumerable<string> roots) => roots.Any(root =>
    {
        var withSeparator = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(withSeparator, StringComparison.Ordinal)
            || string.Equals(Path.TrimEndingDirectorySeparator(fullPath), Path.TrimEndingDirectorySeparator(root), StringComparison.Ordinal);
    });

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at '{next}'");
            }

            // a relative target is relative to the folder holding the link; the target may hold links itself
            var resolved = Resolve(Path.GetFullPath(target, current), ref links);
            current = resolved;
        }

        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
