using System.Text;
using System.Text.Json;
using SparkOptimizer.Ingest.Streaming;

namespace SparkOptimizer.Ingest.Following;

/// <summary>
/// Feeds complete event lines into one <see cref="RunBuilder"/> as they arrive. Mirrors the per-line handling of
/// <see cref="EventLogReader"/> (event name first, or found anywhere in the object); a bad line is a warning, never fatal.
/// </summary>
internal sealed class FollowedLines(EventLogReadOptions options)
{
    private readonly JsonReaderOptions _json = new() { MaxDepth = options.MaxJsonDepth };
    private int _warnings;

    public RunBuilder Builder { get; } = new(options.Redactor);

    public long Lines { get; private set; }

    public long Unparsable { get; private set; }

    public bool SawApplicationEnd { get; private set; }

    public void Feed(ReadOnlySpan<byte> line, string file, long lineNumber)
    {
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return;
        }

        Lines++;
        Builder.CurrentFile = file;
        Builder.CurrentLine = lineNumber;
        try
        {
            var name = EventName(line);
            if (name is null)
            {
                Skip(file, lineNumber, "not a JSON object with an \"Event\" field; line skipped");
                return;
            }

            var reader = new Utf8JsonReader(line, _json);
            reader.Read();
            if (name.AsSpan().SequenceEqual("SparkListenerApplicationEnd"u8))
            {
                SawApplicationEnd = true;
            }

            // RunBuilder expects the reader positioned on the "Event" value, as EventLogReader leaves it.
            if (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("Event"u8))
            {
                reader.Read();
            }
            else
            {
                reader = new Utf8JsonReader(line, _json);
                reader.Read();
            }

            Builder.Handle(name, ref reader, line);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            Skip(file, lineNumber, "malformed JSON; line skipped");
        }
    }

    public void SkipOversized(string file, long lineNumber, int maxLineBytes)
    {
        Lines++;
        Skip(file, lineNumber, $"line longer than {maxLineBytes / (1024 * 1024)} MiB skipped");
    }

    private void Skip(string file, long lineNumber, string message)
    {
        Unparsable++;
        if (_warnings++ < options.MaxWarnings)
        {
            Builder.CurrentFile = file;
            Builder.Warn(message, lineNumber);
        }
    }

    private byte[]? EventName(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, _json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

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
}
