using System.Buffers;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest.Following;

/// <summary>
/// Follows one application's log while Spark still writes it: an .inprogress file or a rolling folder (new events_N
/// parts are picked up as they appear). Each <see cref="Poll"/> reads only complete lines appended since the last one,
/// keeping a decoded-byte offset per part: a local plain file is reopened and seeked; a compressed or remote part is
/// decoded again and the known bytes skipped. A half-written last line waits for its newline.
/// Used by `analyze --follow` and by the operator to warn while a long job runs.
/// </summary>
public sealed class FollowingEventLogReader
{
    private const int ChunkBytes = 1 << 16;
    private readonly SourceOptions _options;
    private readonly FollowedLines _lines;
    private readonly Dictionary<string, PartCursor> _cursors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly string? _downloads;
    private string _source;
    private long _bytes;

    public FollowingEventLogReader(string uriOrPath, SourceOptions? options = null)
    {
        _source = uriOrPath;
        _options = options ?? SourceOptions.Default;
        if (!EventLogSourceResolver.IsLocal(uriOrPath))
        {
            // A History Server (or a zipped object) is downloaded again on every poll: keep those downloads in a folder of
            // our own and drop the previous poll's before the next, so following for hours does not fill the disk.
            _downloads = Path.Combine(_options.TempDirectory ?? Path.GetTempPath(), "sparkopt-follow-" + Guid.NewGuid().ToString("N")[..12]);
            _options = _options with { TempDirectory = _downloads };
        }

        _lines = new FollowedLines(_options.Read);
    }

    public long Events => _lines.Builder.Events;

    public bool ApplicationEnded => _lines.SawApplicationEnd;

    /// <summary>Reads what was appended since the last poll; returns the run so far when anything new arrived, else null.</summary>
    public FollowUpdate? Poll(CancellationToken cancellationToken = default)
    {
        var before = Events;
        var input = Locate();
        if (input is not null)
        {
            foreach (var part in input.Parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = Key(part.Name);
                if (!_cursors.TryGetValue(key, out var cursor))
                {
                    _cursors[key] = cursor = new PartCursor(part.Name);
                    _order.Add(key);
                }

                cursor.Name = part.Name;
                ReadNew(part, cursor);
            }
        }

        var added = Events - before;
        return added > 0 ? new FollowUpdate(Snapshot(), added, Events, ApplicationEnded) : null;
    }

    /// <summary>Polls every <paramref name="interval"/> until the application ends or <paramref name="cancellationToken"/> fires (Ctrl-C, timeout).</summary>
    public async Task<FollowResult> FollowAsync(TimeSpan interval, Action<FollowUpdate> onUpdate, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var updates = 0;
        try
        {
            while (true)
            {
                if (Poll(cancellationToken) is { } update)
                {
                    updates++;
                    onUpdate(update);
                }

                if (ApplicationEnded)
                {
                    return new FollowResult(Snapshot(), FollowOutcome.ApplicationEnded, updates);
                }

                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new FollowResult(Events > 0 ? Snapshot() : null, FollowOutcome.Stopped, updates);
        }
        finally
        {
            ClearDownloads();
            if (_downloads is not null && Directory.Exists(_downloads))
            {
                Directory.Delete(_downloads, recursive: true);
            }
        }
    }

    private void ClearDownloads()
    {
        if (_downloads is null || !Directory.Exists(_downloads))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_downloads))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>The run as read so far.</summary>
    public SparkRun Snapshot()
    {
        var status = ApplicationEnded ? ReadStatus.Ok : ReadStatus.Partial;
        var codecs = string.Join(",", _order.Select(k => _cursors[k].Codec).Distinct());
        var source = new RunSource(_source, _order.Select(k => _cursors[k].Name).ToArray(), codecs, _bytes, _lines.Lines, Events, _lines.Unparsable, status);
        return _lines.Builder.Build(source);
    }

    private EventLogInput? Locate()
    {
        // Spark renames app.inprogress to app when the run ends: follow the rename.
        if (EventLogSourceResolver.LocalPath(_source) is { } local && !File.Exists(local) && !Directory.Exists(local)
            && local.EndsWith(".inprogress", StringComparison.OrdinalIgnoreCase) && File.Exists(local[..^".inprogress".Length]))
        {
            _source = local[..^".inprogress".Length];
        }

        ClearDownloads();
        try
        {
            var inputs = EventLogSourceResolver.Resolve(_source, _options);
            return inputs.FirstOrDefault(i => i.Parts.Count > 0);
        }
        catch (EventLogFormatException) when (EventLogSourceResolver.IsLocal(_source))
        {
            return null; // not created yet, or between a rename: try again next poll
        }
    }

    private void ReadNew(EventLogPart part, PartCursor cursor)
    {
        // A part whose stored size has not changed since the last read has nothing new (spares re-decoding finished parts).
        if (part.Length is { } length && length == cursor.SeenLength)
        {
            return;
        }

        var local = File.Exists(part.Name) ? part.Name : null;

        Stream? raw = null;
        try
        {
            raw = local is not null ? OpenLocal(local, cursor) : OpenDecoded(part.Open(), part.Name, cursor);
            ReadLines(raw, cursor);
            cursor.SeenLength = part.Length;
        }
        catch (EventLogFormatException)
        {
            // A compressed part cut mid-block by the writer: the complete lines before the cut were kept; the rest comes next poll.
        }
        catch (IOException)
        {
        }
        finally
        {
            raw?.Dispose();
        }
    }

    private Stream OpenLocal(string file, PartCursor cursor)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ChunkBytes);
        Span<byte> header = stackalloc byte[CodecDetector.HeaderBytes];
        var n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (CodecDetector.Detect(header[..n], file) == EventLogCodec.Plain)
        {
            cursor.Codec = "plain";
            stream.Seek(cursor.Offset, SeekOrigin.Begin);
            return stream;
        }

        stream.Seek(0, SeekOrigin.Begin);
        return OpenDecoded(stream, file, cursor);
    }

    private Stream OpenDecoded(Stream raw, string name, PartCursor cursor)
    {
        var pushback = new PushbackStream(raw);
        var codec = CodecDetector.Detect(pushback.Peek(CodecDetector.HeaderBytes), name);
        cursor.Codec = codec.ToString().ToLowerInvariant();
        var decoded = CodecStreams.OpenDecompressing(pushback, codec, name, _options.Read.Limits);
        var skip = cursor.Offset;
        var scratch = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (skip > 0)
            {
                var read = decoded.Read(scratch, 0, (int)Math.Min(skip, scratch.Length));
                if (read == 0)
                {
                    break;
                }

                skip -= read;
            }
        }
        catch
        {
            decoded.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return decoded;
    }

    private void ReadLines(Stream stream, PartCursor cursor)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= _options.Read.MaxLineBytes)
                    {
                        return; // an oversized line: stop here rather than hold it; EventLogReader reports it on the final read
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    return; // what remains has no newline yet: leave it for the next poll
                }

                filled += read;
                var start = 0;
                int newline;
                while ((newline = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    cursor.Lines++;
                    _lines.Feed(buffer.AsSpan(start, newline - start), cursor.Name, cursor.Lines);
                    cursor.Offset += newline - start + 1;
                    _bytes += newline - start + 1;
                    start = newline + 1;
                }

                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Key(string name)
    {
        var file = name[(Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\')) + 1)..];
        return file.EndsWith(".inprogress", StringComparison.OrdinalIgnoreCase) ? file[..^".inprogress".Length] : file;
    }
}
