namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// The compressed side of every decoder. It counts bytes consumed (for error offsets and the bomb ratio),
/// remembers the last four bytes (the gzip trailer check needs them) and the last exception the source
/// itself threw, so decoders can tell an I/O failure, which they let through, from corrupt data.
/// </summary>
internal sealed class CountingStream(Stream inner, string file) : ReadOnlyDecodingStream
{
    private uint _tail;

    public string File { get; } = file;

    /// <summary>Compressed bytes handed out so far, i.e. the file offset of the next byte.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The last four bytes read, little-endian (valid once <see cref="BytesRead"/> is at least 4).</summary>
    public uint LastFourBytes => _tail;

    /// <summary>True once the underlying stream has reported its end.</summary>
    public bool EndReached { get; private set; }

    /// <summary>The last exception thrown by the underlying stream, if any.</summary>
    public Exception? SourceError { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (Exception ex)
        {
            SourceError = ex;
            throw;
        }

        for (var i = Math.Max(0, n - 4); i < n; i++)
        {
            _tail = (_tail >> 8) | ((uint)buffer[i] << 24);
        }

        EndReached |= n == 0 && !buffer.IsEmpty;
        BytesRead += n;
        return n;
    }

    /// <summary>Fills <paramref name="buffer"/> unless the input ends first; returns how many bytes it got.</summary>
    public int ReadUpTo(Span<byte> buffer) => this.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    /// <summary>Fills <paramref name="buffer"/> or throws a truncation error naming what was being read.</summary>
    public void ReadExactly(Span<byte> buffer, string what, long startOffset)
    {
        var n = ReadUpTo(buffer);
        if (n < buffer.Length)
        {
            throw CodecErrors.Truncated(File, what, startOffset);
        }
    }

    /// <summary>True when <paramref name="ex"/> came from the source stream rather than from a decoder.</summary>
    public bool IsSourceError(Exception ex) => ReferenceEquals(ex, SourceError);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
