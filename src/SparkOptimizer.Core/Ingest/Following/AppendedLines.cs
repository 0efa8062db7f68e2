using System.Buffers;
using SparkOptimizer.Ingest.Codecs;

namespace SparkOptimizer.Ingest.Following;

/// <summary>
/// Reads what was appended to one part of a log since its <see cref="PartCursor"/>: a local plain file is reopened and
/// seeked; a compressed or remote part is decoded again and the known bytes skipped. Only complete lines are fed; a
/// half-written last line, or a compressed block cut by the writer, waits for the next read.
/// </summary>
internal sealed class AppendedLines(EventLogReadOptions options, FollowedLines lines)
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Feeds the complete lines appended to a part since its cursor, and moves the cursor past them.</summary>
    public void ReadNew(EventLogPart part, PartCursor cursor)
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
        var decoded = CodecStreams.OpenDecompressing(pushback, codec, name, options.Limits);
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
        long skipped = 0; // bytes of an oversized line dropped so far; its end is still to come
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= options.MaxLineBytes)
                    {
                        skipped += filled; // drop the oversized line as EventLogReader does, without holding it
                        filled = 0;
                    }
                    else
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, 0, bigger, 0, filled);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
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
                    if (skipped > 0)
                    {
                        lines.SkipOversized(cursor.Name, cursor.Lines, options.MaxLineBytes);
                        cursor.Offset += skipped;
                        skipped = 0;
                    }
                    else
                    {
                        lines.Feed(buffer.AsSpan(start, newline - start), cursor.Name, cursor.Lines);
                    }

                    cursor.Offset += newline - start + 1;
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
}
