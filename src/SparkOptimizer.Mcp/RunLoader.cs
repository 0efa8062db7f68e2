using System.Collections.Concurrent;
using ModelContextProtocol;
using SparkOptimizer.Ingest;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Mcp.Access;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Reporting;

namespace SparkOptimizer.Mcp;

/// <summary>
/// Reads and analyses logs for the tools, turning every input problem into a clear <see cref="McpException"/> (which the
/// SDK returns as a tool error). Paths are only read, and only where the server's <see cref="ILogAccessPolicy"/> allows.
/// Reports are kept in memory for a few calls, so that an assistant's analyze-then-explain round trip reads a large log once.
/// </summary>
public static class RunLoader
{
    private const int CacheSize = 4;
    private static readonly ConcurrentDictionary<string, RunReport> Cache = new(StringComparer.Ordinal);

    /// <summary>The one application in a log file, zip or rolling folder.</summary>
    public static RunReport LoadOne(string? path, ILogAccessPolicy access, string parameter = "path", CancellationToken cancellationToken = default)
    {
        var full = CheckPath(path, parameter, access);
        var inputs = Locate(full).Where(i => i.Parts.Count > 0).ToList();
        if (inputs.Count == 0)
        {
            throw new McpException($"{parameter}: no Spark event log found at '{InputBounds.Echo(full)}'");
        }

        if (inputs.Count > 1)
        {
            throw new McpException($"{parameter}: '{InputBounds.Echo(full)}' holds {inputs.Count} applications; pass one log (the history tool takes a folder of runs)");
        }

        if (!LogConfinement.Confined(inputs[0], access, out var refused))
        {
            throw new McpException($"{parameter}: {refused}");
        }

        return Analyze(LogConfinement.Pinned(inputs[0], access), cancellationToken);
    }

    /// <summary>Every application under a folder, in locator order; unreadable logs are returned as skipped with the reason.</summary>
    public static (IReadOnlyList<RunReport> Reports, IReadOnlyList<string> Skipped, int Found) LoadFolder(
        string? folder, ILogAccessPolicy access, string parameter = "folder", CancellationToken cancellationToken = default)
    {
        var full = CheckPath(folder, parameter, access);
        if (EventLogSourceResolver.IsLocal(full) && !Directory.Exists(full))
        {
            throw new McpException($"{parameter}: '{InputBounds.Echo(full)}' is a file; pass the folder that holds the job's logs");
        }

        var inputs = Locate(full).Where(i => i.Parts.Count > 0).ToList();
        var reports = new List<RunReport>();
        var skipped = new List<string>();
        foreach (var input in inputs.Take(McpDefaults.MaxHistoryLogs))
        {
            if (!LogConfinement.Confined(input, access, out var refused))
            {
                skipped.Add(refused);
                continue;
            }

            try
            {
                reports.Add(Analyze(LogConfinement.Pinned(input, access), cancellationToken));
            }
            catch (McpException ex)
            {
                skipped.Add(ex.Message);
            }
        }

        return (reports, skipped, inputs.Count);
    }

    /// <summary>
    /// The location to read: a URI as given, or a local path made absolute. The policy is asked before the file system is
    /// touched (so a refused caller learns nothing about what exists there), then again for the real path behind links.
    /// </summary>
    private static string CheckPath(string? path, string parameter, ILogAccessPolicy access)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new McpException($"{parameter} is required: the path of a Spark event log (file, zip or rolling folder)");
        }

        var trimmed = path.Trim();
        if (EventLogSourceResolver.LocalPath(trimmed) is not { } local)
        {
            return access.Allows(trimmed, out var refusedUri) ? trimmed : throw new McpException($"{parameter}: {refusedUri}");
        }

        string full;
        try
        {
            full = access.BaseFolder is { } root ? Path.GetFullPath(local, root) : Path.GetFullPath(local);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new McpException($"{parameter}: '{InputBounds.Echo(path)}' is not a valid path ({ex.Message})");
        }

        if (!access.Allows(full, out var refused))
        {
            throw new McpException($"{parameter}: {refused}");
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new McpException($"{parameter}: no such file or folder: '{InputBounds.Echo(full)}'");
        }

        if (!LogConfinement.RealPathAllowed(full, access, out var refusedLink))
        {
            throw new McpException($"{parameter}: {refusedLink}");
        }

        return full;
    }

    private static IReadOnlyList<EventLogInput> Locate(string location)
    {
        try
        {
            return EventLogSourceResolver.IsLocal(location) ? new LocalEventLogLocator().Locate(location) : EventLogSourceResolver.Resolve(location);
        }
        catch (EventLogFormatException ex)
        {
            throw new McpException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new McpException($"cannot read '{InputBounds.Echo(location)}': {ex.Message}");
        }
    }

    private static RunReport Analyze(EventLogInput input, CancellationToken cancellationToken)
    {
        var key = CacheKey(input);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        RunReport report;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(McpDefaults.InputTimeLimit);
        try
        {
            report = new AnalysisPipeline().Analyze(input, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new McpException($"'{InputBounds.Echo(input.Path)}': reading took longer than the limit of {McpDefaults.InputTimeLimit.TotalSeconds:0} s per input; stopped");
        }
        catch (EventLogFormatException ex)
        {
            throw new McpException(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new McpException($"cannot read '{input.Path}': {ex.Message}");
        }

        if (Cache.Count >= CacheSize)
        {
            Cache.Clear();
        }

        Cache[key] = report;
        return report;
    }

    /// <summary>Path, size and write time of every part: a log rewritten in place is read again.</summary>
    private static string CacheKey(EventLogInput input) =>
        input.Path + ":" + Stamp(input.Path) + "|" + string.Join(";", input.Parts.Select(p => $"{p.Name}:{p.Length}:{Stamp(p.Name)}"));

    private static long Stamp(string file)
    {
        try
        {
            return File.Exists(file) ? File.GetLastWriteTimeUtc(file).Ticks : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
