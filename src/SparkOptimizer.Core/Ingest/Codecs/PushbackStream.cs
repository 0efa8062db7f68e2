namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// Lets the detector look at the first bytes of a non-seekable stream (HTTP body, blob download)
/// and then hands those same bytes to the decoder.
/// </summary>
internal sealed class PushbackStream(Stream inner) : ReadOnlyDecodingStream
{
    private byte[] _pending = [];
    private int _pendingOffset;

    /// <summary>Reads up to <paramref name="count"/> leading bytes and keeps them to be read again.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_pendingOffset != 0 || _pending.Length != 0)
        {
            throw new InvalidOperationException("Peek is only allowed once, before the first read.");
        }

        var header = new byte[count];
        var read = inner.ReadAtLeast(header, count, throwOnEndOfStream: false);
        _pending = header[..read];
        return _pending;
    }

    public override int Read(Span<byte> buffer)
    {
        var left = _pending.Length - _pendingOffset;
        if (left > 0)
        {
            var n = Math.Min(left, buffer.Length);
            _pending.AsSpan(_pendingOffset, n).CopyTo(buffer);
            _pendingOffset += n;
            return n;
        }

        return inner.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
