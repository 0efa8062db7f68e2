using System.Text;
using System.Text.Json;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Ingest.Streaming;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest;

/// <summary>
/// Reads one application's event log (all its parts, any codec) in a single streaming pass into a <see cref="SparkRun"/>.
/// Whatever can be read is kept; every problem becomes a warning naming the file and line. Only an input with no
/// readable event at all is an error.
/// </summary>
public sealed class EventLogReader(EventLogReadOptions? options = null)
{
    private readonly EventLogReadOptions _options = options ?? EventLogReadOptions.Default;

    public SparkRun Read(EventLogInput input, CancellationToken cancellationToken = default)
    {
        var builder = new RunBuilder(_options.Redactor);
        var state = new ReadState();
        foreach (var warning in input.Warnings)
        {
            state.Warn(builder, warning.File, warning.Line, warning.Message, _options.MaxWarnings);
        }

        var codecs = new List<string>();
        foreach (var part in input.Parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.CurrentFile = part.Name;
            ReadPart(part, builder, state, codecs, cancellationToken);
        }

        if (!builder.SawAnyEvent)
        {
            throw new EventLogFormatException(input.Path, NotAnEventLogReason(state));
        }

        if (state.Suppressed > 0)
        {
            builder.WarnFile($"{state.Suppressed} more warnings not listed");
        }

        var last = input.Parts[^1].Name;
        builder.CurrentFile = last;
        var probe = builder.Build(EmptySource);
        if (!builder.SawApplicationStart)
        {
            state.Partial = true;
            state.Warn(builder, last, null, "no application start event: application id, name and start time are unknown", _options.MaxWarnings);
        }

        if (probe.Application.EndTime is null)
        {
            state.Partial = true;
            var why = input.InProgress ? "the log is still being written (.inprogress)" : "the run is still going or the log was cut short";
            state.Warn(builder, last, null, $"no application end event: {why}; duration is measured to the last event", _options.MaxWarnings);
        }

        var status = state.Partial ? ReadStatus.Partial : ReadStatus.Ok;
        var source = new RunSource(input.Path, input.Parts.Select(p => p.Name).ToArray(), string.Join(",", codecs.Distinct()),
            state.Bytes, state.Lines, builder.Events, state.Unparsable, status);
        return builder.Build(source);
    }

    private static readonly RunSource EmptySource = new(string.Empty, [], string.Empty, 0, 0, 0, 0, ReadStatus.Ok);

    private void ReadPart(EventLogPart part, RunBuilder builder, ReadState state, List<string> codecs, CancellationToken cancellationToken)
    {
        Stream? raw = null;
        LineReader? lines = null;
        try
        {
            raw = part.Open();
            var pushback = new PushbackStream(raw);
            var codec = CodecDetector.Detect(pushback.Peek(CodecDetector.HeaderBytes), part.Name);
            if (codec == EventLogCodec.Zip)
            {
                state.Partial = true;
                state.Warn(builder, part.Name, null, "a zip archive inside a log is not read (nested archives are refused)", _options.MaxWarnings);
                return;
            }

            codecs.Add(codec.ToString().ToLowerInvariant());
            using var decoded = CodecStreams.OpenDecompressing(pushback, codec, part.Name, _options.Limits);
            var counting = new ByteCounter(decoded);
            lines = new LineReader(counting, _options.MaxLineBytes);
            var jsonOptions = new JsonReaderOptions { MaxDepth = _options.MaxJsonDepth };
            var checkEvery = 0;
            while (lines.TryReadLine(out var line))
            {
                if ((++checkEvery & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                state.Lines++;
                builder.CurrentLine = lines.LineNumber;
                if (lines.LastLineOversized)
                {
                    state.Unparsable++;
                    state.Warn(builder, part.Name, lines.LineNumber, $"line longer than {_options.MaxLineBytes / (1024 * 1024)} MiB skipped", _options.MaxWarnings);
                    continue;
                }

                if (line.IsEmpty || line.Trim(" \t"u8).IsEmpty)
                {
                    state.Lines--;
                    continue;
                }

                ParseLine(line, builder, state, jsonOptions, part.Name, lines);
            }

            state.Bytes += counting.Count;
        }
        catch (EventLogFormatException ex)
        {
            state.Partial = true;
            state.FirstProblem ??= ex.Problem;
            var at = lines is null ? null : (long?)lines.LineNumber;
            state.Warn(builder, part.Name, at, $"{ex.Problem}{(ex.Offset is { } o ? $" at byte {o}" : string.Empty)}; events before this point were kept", _options.MaxWarnings);
        }
        catch (IOException ex)
        {
            state.Partial = true;
            state.Warn(builder, part.Name, lines?.LineNumber, $"read error: {ex.Message}; events before this point were kept", _options.MaxWarnings);
        }
        catch (UnauthorizedAccessException ex)
        {
            state.Partial = true;
            state.Warn(builder, part.Name, null, $"cannot open: {ex.Message}", _options.MaxWarnings);
        }
        finally
        {
            raw?.Dispose();
        }
    }

    private void ParseLine(ReadOnlySpan<byte> line, RunBuilder builder, ReadState state, JsonReaderOptions jsonOptions, string file, LineReader lines)
    {
        try
        {
            var reader = new Utf8JsonReader(line, jsonOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                state.Unparsable++;
                state.NonJson++;
                if (state.FirstNonJson is null)
                {
                    state.FirstNonJson = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)]);
                }

                state.Warn(builder, file, lines.LineNumber, "not a JSON object; line skipped", _options.MaxWarnings);
                return;
            }

            ReadOnlySpan<byte> eventName = default;
            if (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("Event"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                eventName = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty) : reader.ValueSpan;
            }
            else
            {
                // "Event" is not the first field: find it, then read the object again from its start.
                var name = FindEventName(line, jsonOptions);
                if (name is null)
                {
                    state.Unparsable++;
                    state.Warn(builder, file, lines.LineNumber, "JSON object without an \"Event\" field; line skipped", _options.MaxWarnings);
                    return;
                }

                eventName = name;
                reader = new Utf8JsonReader(line, jsonOptions);
                reader.Read();
            }

            builder.Handle(eventName, ref reader, line);
            if (lines.LastLineUnterminated)
            {
                // The last line of a file cut mid-write is only known to be whole if it parses to the end.
                var check = new Utf8JsonReader(line, jsonOptions);
                check.Read();
                check.Skip();
            }
        }
        catch (JsonException ex)
        {
            state.Unparsable++;
            var what = lines.LastLineUnterminated ? "truncated last line (the file ends mid-event)" : "malformed JSON";
            state.Warn(builder, file, lines.LineNumber, $"{what}: {Shorten(ex.Message)}; line skipped", _options.MaxWarnings);
        }
        catch (InvalidOperationException ex)
        {
            state.Unparsable++;
            state.Warn(builder, file, lines.LineNumber, $"unexpected JSON shape: {Shorten(ex.Message)}; line skipped", _options.MaxWarnings);
        }
    }

    private static byte[]? FindEventName(ReadOnlySpan<byte> line, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(line, options);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Event"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String ? Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty) : null;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    private static string Shorten(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.Length > 200 ? message[..200] : message;
    }

    private static string NotAnEventLogReason(ReadState state)
    {
        if (state.Lines == 0)
        {
            // A limit hit before the first event (a decompression bomb) is reported as the limit, not as corruption.
            return state.FirstProblem is { } problem && problem.Contains("exceeds", StringComparison.Ordinal)
                ? $"nothing readable before a limit was hit: {problem}"
                : state.Partial ? "nothing readable: the file is corrupt or truncated before the first event" : "empty file: no events";
        }

        if (state.FirstNonJson is { } first && LooksLikeLog4j(first))
        {
            return "not a Spark event log: this looks like a driver or executor log (log4j lines), not JSON events";
        }

        return $"not a Spark event log: none of its {state.Lines} lines is a Spark listener event";
    }

    private static bool LooksLikeLog4j(string line) =>
        System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s*(\d{2,4}[/-]\d{2}[/-]\d{2}[ T]\d{2}:\d{2}|\[?\w+\]?\s+(INFO|WARN|ERROR|DEBUG)\b)|\b(INFO|WARN|ERROR|DEBUG)\b");

    private sealed class ReadState
    {
        public long Lines;
        public long Unparsable;
        public long NonJson;
        public long Bytes;
        public bool Partial;
        public int Suppressed;
        public string? FirstNonJson;
        public string? FirstProblem;
        private int _warnings;

        public void Warn(RunBuilder builder, string file, long? line, string message, int max)
        {
            if (_warnings >= max)
            {
                Suppressed++;
                return;
            }

            _warnings++;
            var saved = builder.CurrentFile;
            builder.CurrentFile = file;
            if (line is null)
            {
                builder.WarnFile(message);
            }
            else
            {
                builder.Warn(message, line);
            }

            builder.CurrentFile = saved;
        }
    }

    private sealed class ByteCounter(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            return n;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            Count += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
