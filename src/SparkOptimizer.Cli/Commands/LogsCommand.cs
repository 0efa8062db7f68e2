using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SparkOptimizer.Ingest.Logs;

namespace SparkOptimizer.Cli.Commands;

/// <summary>`logs FILE...`: what the driver and executor logs say went wrong (OOMs, memory kills, GC pauses, fetch failures, lost executors).</summary>
public static class LogsCommand
{
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
        var command = new Command("logs", "Find OOMs, container kills, GC pauses, fetch failures and lost executors in driver and executor logs") { files, executor, format };
        command.SetAction(parse => Execute(parse.GetValue(files) ?? [], parse.GetValue(executor), parse.GetValue(format), stdout, stderr));
        return command;
    }

    internal static int Execute(FileInfo[] files, string? executor, OutputFormat format, TextWriter stdout, TextWriter stderr)
    {
        var events = new List<(string File, LogEvent Event)>();
        foreach (var file in files)
        {
            try
            {
                events.AddRange(SparkLogParser.ParseFile(file.FullName, executor).Select(e => (file.FullName, e)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine($"error: {file.FullName}: {ex.Message}");
                return ExitCodes.NothingReadable;
            }
        }

        var summary = LogEventSummary.Of(events.Select(e => e.Event));
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
                },
                events = events.Select(e => new { file = e.File, e.Event.Line, e.Event.Kind, e.Event.Timestamp, e.Event.Executor, e.Event.ExceptionClass, e.Event.PauseMs, e.Event.Message }),
            }, Json));
            return ExitCodes.Ok;
        }

        foreach (var (file, e) in events)
        {
            var when = e.Timestamp?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-";
            stdout.WriteLine($"{Path.GetFileName(file)}:{e.Line}  {when}  {e.Kind}{(e.Executor is null ? string.Empty : $" (executor {e.Executor})")}  {e.Message}");
        }

        stdout.WriteLine(events.Count == 0 ? "nothing recognised: no OOM, kill, GC pause, fetch failure, lost executor or exception" : $"{events.Count} lines recognised: " +
            string.Join(", ", summary.Counts.Select(c => $"{c.Value} {c.Key}")));
        if (summary.ExecutorsKilledForMemory.Count > 0)
        {
            stdout.WriteLine($"killed for memory (raise memoryOverhead, not heap): executors {string.Join(", ", summary.ExecutorsKilledForMemory)}");
        }

        if (summary.ExecutorsWithJvmOutOfMemory.Count > 0)
        {
            stdout.WriteLine($"JVM out of memory (heap, direct or metaspace): executors {string.Join(", ", summary.ExecutorsWithJvmOutOfMemory)}");
        }

        return ExitCodes.Ok;
    }
}
