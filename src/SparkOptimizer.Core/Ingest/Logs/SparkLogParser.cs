using System.Globalization;

namespace SparkOptimizer.Ingest.Logs;

/// <summary>
/// Recognises what matters in Spark driver and executor logs (files, or pod logs fetched from the Kubernetes API):
/// JVM OutOfMemoryErrors by cause, container kills for memory (YARN wording, exit code 137, Kubernetes OOMKilled),
/// GC pauses, fetch failures, lost executors and other exceptions. Streams line by line; one record per line at most,
/// the most specific kind winning; stack frames are skipped so a trace counts once.
/// </summary>
public static class SparkLogParser
{
    private const int MaxMessageChars = 2000;

    /// <summary>Parses a log read from <paramref name="reader"/>; <paramref name="executor"/> is the log's own executor, used when a line names none.</summary>
    public static IEnumerable<LogEvent> Parse(TextReader reader, string? executor = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        long number = 0;
        DateTimeOffset? lastTime = null;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || LogPatterns.StackFrame().IsMatch(line))
            {
                continue;
            }

            var time = LogTimestamp.Parse(line);
            lastTime = time ?? lastTime;
            if (Recognise(line) is { } found)
            {
                var id = LogPatterns.ExecutorId().Match(line) is { Success: true } m ? m.Groups["id"].Value : executor;
                var message = line.Length > MaxMessageChars ? line[..MaxMessageChars] : line;
                yield return new LogEvent(found.Kind, time ?? lastTime, id, number, message.Trim())
                {
                    PauseMs = found.PauseMs,
                    ExceptionClass = found.ExceptionClass,
                };
            }
        }
    }

    /// <summary>Parses a log file; a gzip file (.gz, as YARN aggregates and rotates them) is read through gzip.</summary>
    public static IReadOnlyList<LogEvent> ParseFile(string path, string? executor = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        return Parse(reader, executor).ToArray();
    }

    private static (LogEventKind Kind, double? PauseMs, string? ExceptionClass)? Recognise(string line)
    {
        if (LogPatterns.YarnKill().IsMatch(line))
        {
            return (LogEventKind.ContainerKilledByYarn, null, null);
        }

        if (LogPatterns.OomKilled().IsMatch(line))
        {
            return (LogEventKind.OomKilled, null, null);
        }

        if (LogPatterns.GpuOutOfMemory().Match(line) is { Success: true } gpu)
        {
            return (LogEventKind.GpuOutOfMemory, null, gpu.Groups["cls"].Success ? gpu.Groups["cls"].Value : null);
        }

        if (LogPatterns.OutOfMemory().Match(line) is { Success: true } oom)
        {
            return (OutOfMemoryKind(oom.Groups["what"].Value), null, oom.Groups["cls"].Value);
        }

        if (LogPatterns.Exit137().IsMatch(line))
        {
            return (LogEventKind.ExitCode137, null, null);
        }

        if (LogPatterns.GcPause().Match(line) is { Success: true } gc)
        {
            var ms = gc.Groups["ms"].Success
                ? double.Parse(gc.Groups["ms"].Value, CultureInfo.InvariantCulture)
                : double.Parse(gc.Groups["secs"].Value, CultureInfo.InvariantCulture) * 1000;
            return (LogEventKind.GcPause, ms, null);
        }

        var exception = LogPatterns.ExceptionClass().Match(line);
        if (LogPatterns.FetchFailed().IsMatch(line))
        {
            return (LogEventKind.FetchFailed, null, exception.Success ? exception.Groups["cls"].Value : null);
        }

        if (LogPatterns.ExecutorLost().IsMatch(line))
        {
            return (LogEventKind.ExecutorLost, null, exception.Success ? exception.Groups["cls"].Value : null);
        }

        return exception.Success ? (LogEventKind.Exception, null, exception.Groups["cls"].Value)
            : LogPatterns.ExceptionIn().IsMatch(line) ? (LogEventKind.Exception, null, null)
            : null;
    }

    private static LogEventKind OutOfMemoryKind(string what) => what switch
    {
        _ when what.StartsWith("Java heap space", StringComparison.OrdinalIgnoreCase) || what.StartsWith("Requested array size", StringComparison.OrdinalIgnoreCase) => LogEventKind.HeapOutOfMemory,
        _ when what.StartsWith("GC overhead limit", StringComparison.OrdinalIgnoreCase) => LogEventKind.GcOverheadLimit,
        _ when what.StartsWith("Direct buffer memory", StringComparison.OrdinalIgnoreCase) || what.Contains("direct memory", StringComparison.OrdinalIgnoreCase) => LogEventKind.DirectBufferOutOfMemory,
        _ when what.StartsWith("Metaspace", StringComparison.OrdinalIgnoreCase) || what.StartsWith("Compressed class space", StringComparison.OrdinalIgnoreCase) => LogEventKind.MetaspaceOutOfMemory,
        _ => LogEventKind.OtherOutOfMemory,
    };
}
