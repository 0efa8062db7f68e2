using System.Globalization;
using System.IO.Compression;
using System.Text;
using SparkOptimizer.Ingest.Streaming;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Logs;

/// <summary>
/// Recognises what matters in Spark driver and executor logs (files, or pod logs fetched from the Kubernetes API):
/// JVM OutOfMemoryErrors by cause, container kills for memory (YARN wording, exit code 137, Kubernetes OOMKilled),
/// GC pauses, fetch failures, lost executors and other exceptions. Streams line by line with a bound on the line's length
/// and on the events kept (<see cref="LogScan"/>); one record per line at most, the most specific kind winning; stack
/// frames are skipped so a trace counts once.
/// </summary>
public static class SparkLogParser
{
    private const int MaxMessageChars = 2000;

    /// <summary>
    /// Reads a log from <paramref name="stream"/> into <paramref name="scan"/>, line by line in one buffer of
    /// <see cref="InputBounds.MaxLogLineBytes"/>: a longer line (or a file without newlines) is cut there and its rest
    /// skipped as it streams past. <paramref name="file"/> names the log in the scan; <paramref name="executor"/> is the
    /// log's own executor, used when a line names none.
    /// </summary>
    public static void Read(Stream stream, string file, string? executor, LogScan scan)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(scan);
        var lines = new LineReader(stream, InputBounds.MaxLogLineBytes, cutLongLines: true);
        DateTimeOffset? lastTime = null;
        while (lines.TryReadLine(out var bytes))
        {
            scan.CountLine(file, lines.LineNumber, lines.LastLineOversized);
            if (lines.LineNumber == 1 && bytes.StartsWith(Utf8Bom))
            {
                bytes = bytes[Utf8Bom.Length..];
            }

            if (bytes.IsEmpty)
            {
                continue;
            }

            var line = Encoding.UTF8.GetString(bytes);
            if (LogPatterns.StackFrame().IsMatch(line))
            {
                continue;
            }

            var time = LogTimestamp.Parse(line);
            lastTime = time ?? lastTime;
            if (Recognise(line) is { } found)
            {
                var id = LogPatterns.ExecutorId().Match(line) is { Success: true } m ? m.Groups["id"].Value : executor;
                var message = line.Length > MaxMessageChars ? line[..MaxMessageChars] : line;
                scan.Add(file, new LogEvent(found.Kind, time ?? lastTime, id, lines.LineNumber, message.Trim())
                {
                    PauseMs = found.PauseMs,
                    ExceptionClass = found.ExceptionClass,
                });
            }
        }
    }

    /// <summary>
    /// Reads a log file into <paramref name="scan"/> (a new one when null) and returns it; a gzip file (.gz, as YARN
    /// aggregates and rotates them) is read through gzip. Only a regular file is opened: a FIFO, a device or a folder is
    /// refused with an <see cref="IOException"/> saying which; a damaged gzip stream is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static LogScan ReadFile(string path, string? executor = null, LogScan? scan = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        scan ??= new LogScan();
        if (Directory.Exists(path))
        {
            throw new IOException("a folder, not a log file");
        }

        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            throw new IOException("no such file");
        }

        if (FileKind.NotReadable(path) is { } why)
        {
            throw new IOException($"{why}, not a regular file");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        Read(stream, path, executor, scan);
        return scan;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

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
