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
    private readonly SourceOptions _options;
    private readonly FollowedLines _lines;
    private readonly AppendedLines _tail;
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
        _tail = new AppendedLines(_options.Read, _lines);
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
                var offset = cursor.Offset;
                _tail.ReadNew(part, cursor);
                _bytes += cursor.Offset - offset;
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

    private static string Key(string name)
    {
        var file = name[(Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\')) + 1)..];
        return file.EndsWith(".inprogress", StringComparison.OrdinalIgnoreCase) ? file[..^".inprogress".Length] : file;
    }
}
