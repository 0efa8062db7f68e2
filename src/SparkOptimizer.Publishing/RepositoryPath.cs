namespace SparkOptimizer.Publishing;

/// <summary>Paths inside a repository: always relative, '/'-separated, never escaping the root.</summary>
public static class RepositoryPath
{
    /// <summary>Validates a user-supplied path: no absolute path, no drive, no backslash, no '..' or '.' segment.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Path '{path}' must be relative to the repository root.", nameof(path));
        }

        var segments = path.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"Path '{path}' must not contain empty, '.' or '..' segments.", nameof(path));
        }

        return path;
    }

    /// <summary>Resolves <paramref name="relative"/> against a directory, allowing '..' only while it stays inside the repository.</summary>
    public static string? Combine(string directory, string relative)
    {
        if (relative.StartsWith('/') || relative.Contains('\\', StringComparison.Ordinal) || relative.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var stack = new List<string>(directory.Length == 0 ? [] : directory.Split('/'));
        foreach (var segment in relative.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (stack.Count == 0)
                    {
                        return null;
                    }

                    stack.RemoveAt(stack.Count - 1);
                    break;
                default:
                    stack.Add(segment);
                    break;
            }
        }

        return stack.Count == 0 ? string.Empty : string.Join('/', stack);
    }

    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
