using System.Text;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Where a JSON string sits in the current line, so text is decoded only if it turns out to be needed.</summary>
internal readonly record struct TextSlice(int Start, int Length, string? Escaped)
{
    public static TextSlice Of(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return new TextSlice(0, 0, reader.GetString());
        }

        // TokenStartIndex points at the opening quote.
        return new TextSlice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null);
    }

    public string? Decode(ReadOnlySpan<byte> line) =>
        Escaped ?? (Length > 0 && Start + Length <= line.Length ? Encoding.UTF8.GetString(line.Slice(Start, Length)) : null);
}
