using System.IO.Compression;
using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Model;

namespace SparkOptimizer.Ingest;

/// <summary>
/// The applications inside a zip (a History Server's /logs download, or a zipped folder of logs). Guarded against
/// bombs: entry count, declared sizes, compression ratio, and actual bytes inflated are all limited; nested archives are refused.
/// The archive is opened once (its central directory read once) and shared by every entry's stream, reads serialised on
/// it, so N entries cost N, not N x N. It is closed when every part has been opened since it was (last) opened and no
/// stream is open any more, so each further pass over the parts opens it once again.
/// </summary>
public sealed class ZipEventLogArchive(string path, DecompressionLimits limits)
{
    public const int MaxEntries = 10_000;

    private readonly Lock _gate = new();
    private readonly List<string> _parts = [];
    private readonly HashSet<string> _unopened = new(StringComparer.Ordinal);
    private ZipArchive? _archive;
    private int _openStreams;

    /// <summary>How many times the zip file was opened and its central directory read (once, unless parts are read again after all were read).</summary>
    public int ArchiveOpens { get; private set; }

    public IReadOnlyList<EventLogInput> Locate()
    {
        List<(string Name, long Length, long Compressed)> entries;
        lock (_gate)
        {
            try
            {
                _archive ??= Open();
                if (_archive.Entries.Count is var count and > MaxEntries)
                {
                    Close();
                    throw new EventLogFormatException(path, $"zip holds {count} entries, more than the {MaxEntries} allowed");
                }

                entries = _archive.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).Select(e => (e.FullName, e.Length, e.CompressedLength)).ToList();
            }
            catch (InvalidDataException ex)
            {
                Close();
                throw new EventLogFormatException(path, $"corrupt zip archive: {ex.Message}");
            }
        }

        var warnings = new List<IngestWarning>();
        var total = 0L;
        var usable = new List<(string Name, long Length, long Compressed)>();
        foreach (var entry in entries.Where(e => !e.Name.EndsWith('/')))
        {
            var name = entry.Name;
            if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".jar", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add(new IngestWarning($"{path}!{name}", null, "nested archive skipped"));
                continue;
            }

            if (entry.Compressed > 0 && entry.Length / (double)entry.Compressed > limits.MaxRatio)
            {
                warnings.Add(new IngestWarning($"{path}!{name}", null, $"compression ratio over {limits.MaxRatio:0}:1, possible zip bomb; entry skipped"));
                continue;
            }

            total += entry.Length;
            if (total > limits.MaxDecompressedBytes)
            {
                warnings.Add(new IngestWarning($"{path}!{name}", null, "zip's declared size exceeds the decompression limit; remaining entries skipped"));
                break;
            }

            if (EventLogLayouts.IsAppStatusMarker(Path.GetFileName(name)) || Path.GetFileName(name).StartsWith('.'))
            {
                continue;
            }

            usable.Add(entry);
        }

        var inputs = new List<EventLogInput>();
        foreach (var group in usable.GroupBy(e => Path.GetDirectoryName(e.Name) ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var files = group.ToArray();
            var names = files.Select(f => Path.GetFileName(f.Name)).ToArray();
            var folder = Path.GetFileName(group.Key);
            if (EventLogLayouts.IsRollingFolderName(folder) || EventLogLayouts.IsRollingSet(names))
            {
                var ordered = files.Select(f => (Entry: f, Index: EventLogLayouts.RollingIndex(Path.GetFileName(f.Name)))).Where(p => p.Index is not null).OrderBy(p => p.Index).ToArray();
                var missing = LocalEventLogLocator.MissingParts($"{path}!{group.Key}", ordered.Select(o => o.Index!.Value).ToArray());
                inputs.Add(new EventLogInput($"{path}!{group.Key}", "spark-rolling", ordered.Select(o => Part(o.Entry)).ToArray(), warnings.Concat(missing).ToArray()));
            }
            else if (EventLogLayouts.IsDatabricksSet(names))
            {
                var ordered = files.Where(f => EventLogLayouts.DatabricksOrder(Path.GetFileName(f.Name)) is not null)
                    .OrderBy(f => EventLogLayouts.DatabricksOrder(Path.GetFileName(f.Name)), StringComparer.Ordinal).ToArray();
                inputs.Add(new EventLogInput($"{path}!{group.Key}", "databricks-rolled", ordered.Select(Part).ToArray(), warnings.ToArray()));
            }
            else
            {
                inputs.AddRange(files.Select(f => new EventLogInput($"{path}!{f.Name}", "zip-member", [Part(f)], warnings.ToArray())));
            }
        }

        lock (_gate)
        {
            _parts.AddRange(inputs.SelectMany(i => i.Parts).Select(p => p.Name));
            _unopened.UnionWith(_parts);
            if (_unopened.Count == 0 && _openStreams == 0)
            {
                Close();
            }
        }

        if (inputs.Count == 0)
        {
            throw new EventLogFormatException(path, warnings.Count > 0 ? $"zip holds no readable event log ({warnings[0].Message})" : "zip holds no files");
        }

        return inputs;
    }

    private ZipArchive Open()
    {
        ArchiveOpens++;
        _unopened.UnionWith(_parts);
        return ZipFile.OpenRead(path);
    }

    private void Close()
    {
        _archive?.Dispose();
        _archive = null;
    }

    private EventLogPart Part((string Name, long Length, long Compressed) entry) =>
        new($"{path}!{entry.Name}", () => OpenEntry(entry.Name, entry.Length), entry.Length);

    private Stream OpenEntry(string name, long declared)
    {
        lock (_gate)
        {
            _archive ??= Open();
            var entry = _archive.GetEntry(name) ?? throw new EventLogFormatException(path, $"entry {name} vanished");
            var cap = Math.Min(limits.MaxDecompressedBytes, declared + (1 << 20));
            var stream = new SharedEntryStream(this, entry.Open(), cap, $"{path}!{name}");
            _openStreams++;
            _unopened.Remove($"{path}!{name}");
            return stream;
        }
    }

    private void Release(Stream inner)
    {
        lock (_gate)
        {
            inner.Dispose();
            if (--_openStreams == 0 && _unopened.Count == 0)
            {
                Close();
            }
        }
    }

    /// <summary>
    /// An entry's stream on the shared archive: reads are serialised on the archive (entries share its file position) and
    /// it refuses to inflate past the declared size (sizes can lie).
    /// </summary>
    private sealed class SharedEntryStream(ZipEventLogArchive owner, Stream inner, long cap, string name) : Stream
    {
        private bool _released;

        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                lock (owner._gate)
                {
                    n = inner.Read(buffer);
                }
            }
            catch (InvalidDataException ex)
            {
                throw new EventLogFormatException(name, $"corrupt zip entry: {ex.Message}", _read);
            }

            _read += n;
            if (_read > cap)
            {
                throw new EventLogFormatException(name, "zip entry inflates past its declared size, possible zip bomb", _read);
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_released)
            {
                _released = true;
                owner.Release(inner);
            }

            base.Dispose(disposing);
        }
    }
}
