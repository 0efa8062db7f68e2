namespace SparkOptimizer.Ingest.Streaming;

/// <summary>
/// Splits a byte stream into lines without decoding them, reusing one buffer. A line longer than the limit is
/// skipped (reported by <see cref="LastLineOversized"/>), so one pathological line cannot exhaust memory; with
/// <paramref name="cutLongLines"/> its first <paramref name="maxLineBytes"/> bytes are returned instead and the rest is
/// skipped as it streams past, never held.
/// </summary>
internal sealed class LineReader(Stream stream, int maxLineBytes, bool cutLongLines = false)
{
    private const int InitialBuffer = 1 << 20;
    private byte[] _buffer = new byte[Math.Min(InitialBuffer, Math.Max(1024, maxLineBytes))];
    private int _start;
    private int _end;
    private int _scanFrom;
    private bool _eof;
    private bool _skipBeforeNext;

    public long LineNumber { get; private set; }

    public bool LastLineOversized { get; private set; }

    /// <summary>True when the last line returned had no newline after it (the end of the stream cut it).</summary>
    public bool LastLineUnterminated { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        LastLineOversized = false;
        LastLineUnterminated = false;
        if (_skipBeforeNext)
        {
            _skipBeforeNext = false;
            SkipRestOfLine();
        }

        while (true)
        {
            var newline = _buffer.AsSpan(_scanFrom, _end - _scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanFrom + newline;
                line = TrimCr(_buffer.AsSpan(_start, lineEnd - _start));
                _start = _scanFrom = lineEnd + 1;
                LineNumber++;
                return true;
            }

            _scanFrom = _end;
            if (_eof)
            {
                if (_start < _end)
                {
                    line = TrimCr(_buffer.AsSpan(_start, _end - _start));
                    _start = _scanFrom = _end;
                    LineNumber++;
                    LastLineUnterminated = true;
                    return true;
                }

                line = default;
                return false;
            }

            if (_start > 0)
            {
                var pending = _end - _start;
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                _scanFrom -= _start;
                _end = pending;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= maxLineBytes)
                {
                    LineNumber++;
                    LastLineOversized = true;
                    if (cutLongLines)
                    {
                        // the buffer was compacted above, so the line's first bytes fill it from 0
                        line = _buffer.AsSpan(0, _end);
                        _skipBeforeNext = true;
                        return true;
                    }

                    SkipRestOfLine();
                    line = default;
                    return true;
                }

                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxLineBytes));
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    private void SkipRestOfLine()
    {
        _start = _end = _scanFrom = 0;
        while (true)
        {
            var read = stream.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return;
            }

            var newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = _scanFrom = newline + 1;
                _end = read;
                return;
            }
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
