using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;

namespace SparkOptimizer.Mcp.Access;

/// <summary>
/// The checks after the path as given was allowed: that its real path (links followed) is allowed too, and that every
/// local file a located log reads (a folder's members may be links) is. Remote logs were allowed by their URI.
/// </summary>
public static class LogConfinement
{
    public static bool RealPathAllowed(string fullPath, ILogAccessPolicy access, out string reason)
    {
        ArgumentNullException.ThrowIfNull(access);
        reason = string.Empty;
        if (access is UnrestrictedLogAccess)
        {
            return true;
        }

        string real;
        try
        {
            real = RealPath.Of(fullPath);
        }
        catch (IOException ex)
        {
            reason = $"'{fullPath}' cannot be resolved: {ex.Message}";
            return false;
        }

        if (string.Equals(real, fullPath, StringComparison.Ordinal) || access.Allows(real, out _))
        {
            return true;
        }

        // the link's target is not told: the caller may not learn what lies outside the allowed folders
        reason = $"'{fullPath}' is a symbolic link (or lies under one) that leads outside the allowed folders";
        return false;
    }

    public static bool Confined(EventLogInput input, ILogAccessPolicy access, out string reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        reason = string.Empty;
        if (access is UnrestrictedLogAccess || !EventLogSourceResolver.IsLocal(input.Path))
        {
            return true;
        }

        // a zip member is named "archive.zip!entry": the archive is the file that is read
        var container = input.Path.Split('!')[0];
        var files = input.Parts.Select(p => p.Name).Where(File.Exists).Prepend(container);
        foreach (var file in files)
        {
            if (!access.Allows(Path.GetFullPath(file), out reason) || !RealPathAllowed(Path.GetFullPath(file), access, out reason))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The input with each local part checked again once opened: on Linux the file the descriptor really holds
    /// (/proc/self/fd/N) must be allowed, so a link swapped in between the check and the open reads nothing. A refusal
    /// is an <see cref="UnauthorizedAccessException"/>, which the reader turns into a warning. (A zip's members are read
    /// through the archive's own handle and keep the check on its path.)
    /// </summary>
    public static EventLogInput Pinned(EventLogInput input, ILogAccessPolicy access)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(access);
        if (access is UnrestrictedLogAccess || !OperatingSystem.IsLinux() || !EventLogSourceResolver.IsLocal(input.Path))
        {
            return input;
        }

        return input with { Parts = input.Parts.Select(p => p with { Open = () => Verified(p.Open(), access) }).ToArray() };
    }

    private static Stream Verified(Stream stream, ILogAccessPolicy access)
    {
        if (stream is not FileStream file)
        {
            return stream;
        }

        var opened = new FileInfo($"/proc/self/fd/{file.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
        if (opened is not null && access.Allows(opened, out _))
        {
            return stream;
        }

        stream.Dispose();
        throw new UnauthorizedAccessException("the file opened lies outside the allowed folders (a link changed after the check)");
    }
}
