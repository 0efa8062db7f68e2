namespace SparkOptimizer.Ingest.Sources;

/// <summary>
/// A zip fetched from a remote source: streamed to a temporary file (never held in memory), then read with
/// <see cref="ZipEventLogArchive"/>, its inputs renamed after the URI it came from. Files are removed at process exit.
/// </summary>
internal static class DownloadedZip
{
    private static readonly Lazy<string> SessionFolder = new(() =>
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sparkopt-downloads-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        return folder;
    });

    public static IReadOnlyList<EventLogInput> Open(string display, Action<Stream> download, SourceOptions options)
    {
        var folder = options.TempDirectory ?? SessionFolder.Value;
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N")[..16] + ".zip");
        using (var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            download(target);
        }

        var inputs = new ZipEventLogArchive(file, options.Read.Limits).Locate();
        return inputs.Select(i => Rename(i, file, display)).ToArray();
    }

    private static EventLogInput Rename(EventLogInput input, string file, string display) =>
        new(input.Path.Replace(file, display, StringComparison.Ordinal), input.Layout,
            input.Parts.Select(p => p with { Name = p.Name.Replace(file, display, StringComparison.Ordinal) }).ToArray(),
            input.Warnings.Select(w => w with { File = w.File.Replace(file, display, StringComparison.Ordinal) }).ToArray());

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
