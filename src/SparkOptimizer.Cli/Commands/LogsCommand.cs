using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SparkOptimizer.Ingest.Logs;
using SparkOptimizer.Model;

namespace SparkOptimizer.Cli.Commands;

/// <summary>
/// `logs FILE...`: what the driver and executor logs say went wrong (OOMs, memory kills, GC pauses, fetch failures, lost
/// executors). Streams each file in bounded memory (<see cref="LogScan"/>): every event is counted, the first of each
/// kind are kept, and the kept ones are printed a page at a time (--limit, --offset).
/// </summary>
public static class LogsCommand
{
    /// <summary>Events printed per page unless --limit says otherwise, and the most a page may hold.</summary>
    public const int DefaultLimit = 200;

    public const int MaxLimit = 10_000;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Driver or executor log files (plain or .gz)", Arity = ArgumentArity.OneOrMore };
        var executor = new Option<string?>("--executor") { Description = "The executor these logs belong to, when their lines do not say" };
        var format = new Option<OutputFormat>("--format", "-f") { Description = "Output format: text or json", DefaultValueFactory = _ => OutputFormat.Text };
        var limit = new Option<int>("--limit") { Description = $"Events to print (1-{MaxLimit}, default {DefaultLimit}); the summary always counts them all", DefaultValueFactory = _ => DefaultLimit };
        var offset = new Option<int>("--offset") { Description = "Skip this many kept events (paging; default 0)", DefaultValueFactory = _ => 0 };
        var command = new Command("logs", "Find OOMs, container kills, GC pauses, fetch failures and lost executors in driver and executor logs") { files, executor, format, limit, offset };
        command.SetAction(parse => Execute(parse.GetValue(files) ?? [], parse.GetValue(executor), parse.GetValue(format), stdout, stderr, parse.GetValue(limit), parse.GetValue(offset)));
        return command;
    }

    internal static int Execute(FileInfo[] files, string? executor, OutputFormat format, TextWriter stdout, TextWriter stderr, int limit = DefaultLimit, int offset = 0)
    {
        if (limit is < 1 or > MaxLimit || offset < 0)
        {
            stderr.WriteLine(offset < 0
                ? $"error: --offset must be 0 or more, got {offset}"
                : $"error: --limit must be between 1 and {MaxLimit}, got {limit}");
            return ExitCodes.Usage;
        }

        var scan = new LogScan();
        var unreadable = 0;
        foreach (var file in files)
        {
            try
            {
                SparkLogParser.ReadFile(file.FullName, executor, scan);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // one unreadable log does not lose the others
                stderr.WriteLine($"error: {file.FullName}: {Reason(ex)}");
                unreadable++;
            }
        }

        if (unreadable == files.Length)
        {
            return ExitCodes.NothingReadable;
        }

        if (scan.FirstCut is { } cut)
        {
            stderr.WriteLine($"warning: {cut.File}:{cut.Line}: line longer than {InputBounds.MaxLogLineBytes / 1024} KiB cut there" +
                (scan.LinesCut > 1 ? $" ({scan.LinesCut} such lines)" : string.Empty));
        }

        var summary = scan.Summary;
        var page = scan.Kept.Skip(offset).Take(limit).ToArray();
        int? next = offset + page.Length < scan.Kept.Count ? offset + page.Length : null;
        if (format == OutputFormat.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                summary = new
                {
                    counts = summary.Counts.ToDictionary(c => JsonNamingPolicy.CamelCase.ConvertName(c.Key.ToString()), c => c.Value),
                    summary.ExecutorsWithJvmOutOfMemory,
                    summary.ExecutorsKilledForMemory,
                    summary.GcPauses,
                    summary.LongestGcPauseMs,
                    summary.TotalGcPauseMs,
                    scan.Lines,
                    scan.LinesCut,
                    keptPerKind = scan.MaxKeptPerKind,
                    notKept = scan.NotKept,
                },
                page = new { offset, limit, kept = scan.Kept.Count, next },
                events = page.Select(e => new { file = e.File, e.Event.Line, e.Event.Kind, e.Event.Timestamp, e.Event.Executor, e.Event.ExceptionClass, e.Event.PauseMs, e.Event.Message }),
            }, Json));
            return unreadable > 0 ? ExitCodes.SomeInputsUnreadable : ExitCodes.Ok;
        }

        foreach (var (file, e) in page)
        {
            var when = e.Timestamp?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-";
            stdout.WriteLine($"{Path.GetFileName(file)}:{e.Line}  {when}  {e.Kind}{(e.Executor is null ? string.Empty : $" (executor {e.Executor})")}  {e.Message}");
        }

        if (page.Length > 0 && (offset > 0 || next is not null))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"events {offset + 1}-{offset + page.Length} of {scan.Kept.Count} kept{(next is { } n ? $"; next page: --offset {n}" : string.Empty)}"));
        }

        stdout.WriteLine(summary.Total == 0 ? "nothing recognised: no OOM, kill, GC pause, fetch failure, lost executor or exception" : $"{summary.Total} lines recognised: " +
            string.Join(", ", summary.Counts.Select(c => $"{c.Value} {c.Key}")));
        if (scan.NotKept > 0)
        {
            stdout.WriteLine($"only the first {scan.MaxKeptPerKind} of each kind are kept and listed; {scan.NotKept} more are counted above");
        }

        if (summary.ExecutorsKilledForMemory.Count > 0)
        {
            stdout.WriteLine($"killed for memory (raise memoryOverhead, not heap): executors {string.Join(", ", summary.ExecutorsKilledForMemory)}");
        }

        if (summary.ExecutorsWithJvmOutOfMemory.Count > 0)
        {
            stdout.WriteLine($"JVM out of memory (heap, direct or metaspace): executors {string.Join(", ", summary.ExecutorsWithJvmOutOfMemory)}");
        }

        return unreadable > 0 ? ExitCodes.SomeInputsUnreadable : ExitCodes.Ok;
    }

    // The OS's messages repeat the path ("Could not find file '/x'"); ours say only what is wrong.
    internal static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        InvalidDataException => $"corrupt or truncated gzip ({ex.Message})",
        _ => ex.Message,
    };
}
