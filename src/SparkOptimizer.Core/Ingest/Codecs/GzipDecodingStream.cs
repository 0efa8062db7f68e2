using System.IO.Compression;

namespace SparkOptimizer.Ingest.Codecs;

/// <summary>
/// gzip through <see cref="GZipStream"/>, which already reads multi-member files (Databricks concatenates
/// members). By default it ends silently on truncated input, so truncation is caught two ways: the runtime's
/// strict validation switch, and independently a check of the last member's trailer at the end.
/// </summary>
internal sealed class GzipDecodingStream : ReadOnlyDecodingStream
{
    private const string StrictValidationSwitch = "System.IO.Compression.UseStrictValidation";
    private const int SmallestMember = 20; // 10-byte header, 2-byte empty deflate block, 8-byte trailer

    private readonly CountingStream _source;
    private readonly GZipStream _gzip;
    private long _decoded;
    private bool _endChecked;

    static GzipDecodingStream()
    {
        // Makes the inflater throw on input that ends mid-stream. The runtime caches the switch on first use of
        // DeflateStream, so this only helps when nothing inflated before us; the trailer check covers the rest.
        AppContext.SetSwitch(StrictValidationSwitch, true);
    }

    public GzipDecodingStream(CountingStream source)
    {
        _source = source;
        _gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
    }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _gzip.Read(buffer);
        }
        catch (InvalidDataException ex) when (!_source.IsSourceError(ex))
        {
            // Strict validation reports a cut stream as InvalidDataException too; only the wording tells them apart.
            throw _source.EndReached && ex.Message.Contains("truncat", StringComparison.OrdinalIgnoreCase)
                ? CodecErrors.Truncated(_source.File, "a gzip member", _source.BytesRead, ex)
                : CodecErrors.Corrupt(_source.File, "gzip", ex.Message, _source.BytesRead, ex);
        }
        catch (Exception ex) when (ex is not EventLogFormatException and not ObjectDisposedException and not OutOfMemoryException
                                   && !_source.IsSourceError(ex))
        {
            // zlib failures other than bad data surface as other types (an IOException subclass among them).
            throw CodecErrors.Corrupt(_source.File, "gzip", ex.Message, _source.BytesRead, ex);
        }

        _decoded += n;
        if (n == 0 && !buffer.IsEmpty && !_endChecked)
        {
            _endChecked = true;
            if (!TrailerLooksComplete(_source.BytesRead, _source.LastFourBytes, _decoded))
            {
                throw CodecErrors.Truncated(_source.File, "a gzip member", _source.BytesRead);
            }
        }

        return n;
    }

    /// <summary>
    /// A complete gzip file ends with the last member's ISIZE (its length mod 2^32), which can never exceed
    /// the total decoded. Input cut inside deflate data ends with four arbitrary bytes instead, which fail this
    /// test with probability about 1 - decoded / 2^32: not proof, but it never rejects a complete file.
    /// </summary>
    internal static bool TrailerLooksComplete(long compressedBytes, uint lastFourBytes, long decodedBytes) =>
        compressedBytes == 0 || (compressedBytes >= SmallestMember && lastFourBytes <= (ulong)decodedBytes);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }
}
