using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest;

/// <summary>
/// Finds the applications under a local path: a single log file, a zip (as a History Server returns), a Spark rolling
/// folder, a Databricks rolled folder, or a folder of many logs (searched recursively, symlink loops refused).
/// Only regular files are read (FIFOs, devices, sockets and dangling links are skipped with a warning), and each entry of
/// a folder fails alone: its error becomes a part-less input with a warning, and the rest of the folder is found.
/// </summary>
public sealed class LocalEventLogLocator(EventLogReadOptions? options = null)
{
    private const int MaxDepth = 12;
    private readonly EventLogReadOptions _options = options ?? EventLogReadOptions.Default;

    public IReadOnlyList<EventLogInput> Locate(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return FileKind.NotReadable(full) is { } kind ? throw new EventLogFormatException(path, $"{kind}, not a regular file: not read") : LocateFile(full);
        }

        if (Directory.Exists(full))
        {
            var found = new List<EventLogInput>();
            LocateDirectory(new DirectoryInfo(full), found, new HashSet<string>(StringComparer.Ordinal), 0, isRoot: true);
            return found;
        }

        throw new EventLogFormatException(path, "no such file or folder");
    }

    private IReadOnlyList<EventLogInput> LocateFile(string file)
    {
        if (IsZip(file))
        {
            return new ZipEventLogArchive(file, _options.Limits).Locate();
        }

        return [new EventLogInput(file, "file", [LocalPart(file)], [])];
    }

    private static EventLogPart LocalPart(string file) =>
        new(file, () => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan), new FileInfo(file).Length);

    private void LocateDirectory(DirectoryInfo dir, List<EventLogInput> found, HashSet<string> visited, int depth, bool isRoot)
    {
        var real = RealPath(dir);
        if (!visited.Add(real))
        {
            found.Add(new EventLogInput(dir.FullName, "loop", [], [new IngestWarning(dir.FullName, null, "folder already visited (symlink loop); skipped")]));
            return;
        }

        if (depth > MaxDepth)
        {
            return;
        }

        FileInfo[] files;
        DirectoryInfo[] dirs;
        try
        {
            files = RegularFiles(dir.GetFiles().Where(f => !f.Name.StartsWith('.')).OrderBy(f => f.Name, StringComparer.Ordinal), found);
            dirs = dir.GetDirectories().Where(d => !d.Name.StartsWith('.')).OrderBy(d => d.Name, StringComparer.Ordinal).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (isRoot)
            {
                throw new EventLogFormatException(dir.FullName, $"cannot list folder: {ex.Message}");
            }

            found.Add(Skipped(dir.FullName, $"cannot list folder: {ex.Message}"));
            return;
        }

        var names = files.Select(f => f.Name).ToArray();
        if (EventLogLayouts.IsRollingFolderName(dir.Name) || EventLogLayouts.IsRollingSet(names))
        {
            found.Add(Rolling(dir, files));
            return;
        }

        if (EventLogLayouts.IsDatabricksSet(names))
        {
            found.Add(Databricks(dir, files));
            return;
        }

        foreach (var file in files)
        {
            if (EventLogLayouts.IsAppStatusMarker(file.Name) || IsDocumentation(file.Name))
            {
                continue;
            }

            try
            {
                found.AddRange(LocateFile(file.FullName));
            }
            catch (EventLogFormatException ex)
            {
                found.Add(Skipped(file.FullName, ex.Problem));
            }
        }

        foreach (var sub in dirs)
        {
            LocateDirectory(sub, found, visited, depth + 1, isRoot: false);
        }

    }

    /// <summary>The regular files among <paramref name="files"/>; each other one is recorded as skipped, with what it is.</summary>
    private static FileInfo[] RegularFiles(IEnumerable<FileInfo> files, List<EventLogInput> found)
    {
        var regular = new List<FileInfo>();
        foreach (var file in files)
        {
            if (FileKind.NotReadable(file.FullName) is { } kind)
            {
                found.Add(Skipped(file.FullName, $"{kind}, not a regular file: skipped"));
            }
            else
            {
                regular.Add(file);
            }
        }

        return [.. regular];
    }

    private static EventLogInput Skipped(string path, string why) => new(path, "skipped", [], [new IngestWarning(path, null, why)]);

    private static EventLogInput Rolling(DirectoryInfo dir, FileInfo[] files)
    {
        var parts = files
            .Select(f => (File: f, Index: EventLogLayouts.RollingIndex(f.Name)))
            .Where(p => p.Index is not null)
            .OrderBy(p => p.Index)
            .ToArray();
        var warnings = MissingParts(dir.FullName, parts.Select(p => p.Index!.Value).ToArray());
        return new EventLogInput(dir.FullName, "spark-rolling", parts.Select(p => LocalPart(p.File.FullName)).ToArray(), warnings);
    }

    /// <summary>Warns about gaps in a rolling log's numbering: events in a missing part are lost.</summary>
    public static IReadOnlyList<IngestWarning> MissingParts(string path, IReadOnlyList<int> indexes)
    {
        var warnings = new List<IngestWarning>();
        if (indexes.Count == 0)
        {
            warnings.Add(new IngestWarning(path, null, "rolling log folder holds no events_N part"));
            return warnings;
        }

        for (var i = 1; i < indexes.Count; i++)
        {
            for (var missing = indexes[i - 1] + 1; missing < indexes[i]; missing++)
            {
                warnings.Add(new IngestWarning(path, null, $"rolled part {missing} is missing: its events are lost and totals are low"));
            }
        }

        if (indexes[0] > 1)
        {
            warnings.Add(new IngestWarning(path, null, $"rolled parts 1 to {indexes[0] - 1} are missing (compacted or deleted): the start of the run is lost"));
        }

        return warnings;
    }

    private static EventLogInput Databricks(DirectoryInfo dir, FileInfo[] files)
    {
        var parts = files
            .Select(f => (File: f, Order: EventLogLayouts.DatabricksOrder(f.Name)))
            .Where(p => p.Order is not null)
            .OrderBy(p => p.Order, StringComparer.Ordinal)
            .Select(p => LocalPart(p.File.FullName))
            .ToArray();
        return new EventLogInput(dir.FullName, "databricks-rolled", parts, []);
    }

    private static bool IsZip(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[CodecDetector.HeaderBytes];
            var n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return CodecDetector.Detect(header[..n], file) == EventLogCodec.Zip;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EventLogFormatException(file, $"cannot open: {ex.Message}");
        }
    }

    private static bool IsDocumentation(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt.crc", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".crc", StringComparison.OrdinalIgnoreCase);

    private static string RealPath(DirectoryInfo dir)
    {
        try
        {
            var target = dir.ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? dir.FullName;
        }
        catch (IOException)
        {
            return dir.FullName;
        }
    }
}
