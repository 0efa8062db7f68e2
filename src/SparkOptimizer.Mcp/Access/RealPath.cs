namespace SparkOptimizer.Mcp.Access;

/// <summary>Where a local path really is once every symbolic link on it (not only the last) is followed.</summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The real path of a path (a relative one is taken from the current folder), as the kernel and coreutils' realpath
    /// find it; parts that do not exist are kept as they are. A '..', in the path or in a link's target, climbs from
    /// where the components before it really lead, never from their text.
    /// </summary>
    public static string Of(string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        return Resolve(Path.IsPathRooted(fullPath) ? fullPath : Path.Combine(Directory.GetCurrentDirectory(), fullPath));
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

    // Component by component: 'resolved' holds no link, so '..' may drop its last part; a link's target goes back onto
    // the work list, to be resolved from the folder holding the link (or from the root when absolute).
    private static string Resolve(string path)
    {
        var root = Path.GetPathRoot(path) ?? string.Empty;
        var resolved = new List<string>();
        var work = new Stack<string>(Components(path[root.Length..]).Reverse());
        var links = 0;
        while (work.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var next = Join(root, resolved, part);
            if (LinkTarget(next) is not { } target)
            {
                resolved.Add(part);
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at '{next}'");
            }

            if (Path.IsPathRooted(target))
            {
                root = Path.GetPathRoot(target) ?? root;
                resolved.Clear();
                target = target[root.Length..];
            }

            foreach (var component in Components(target).Reverse())
            {
                work.Push(component);
            }
        }

        return Join(root, resolved, null);
    }

    private static string[] Components(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

    private static string Join(string root, List<string> parts, string? last)
    {
        var joined = string.Join(Path.DirectorySeparatorChar, last is null ? parts : parts.Append(last));
        return root + joined;
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
