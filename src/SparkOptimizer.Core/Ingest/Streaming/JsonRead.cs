using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

/// <summary>Lenient value readers: event logs from many Spark versions and vendors put numbers in strings, nulls where numbers go, and so on.</summary>
internal static class JsonRead
{
    // Numbers past Int64 seen on this thread; RunBuilder turns a change into a warning naming the line (a static keeps
    // every reader below allocation-free and unchanged).
    [ThreadStatic]
    private static long t_pastInt64;

    /// <summary>How many numbers past Int64 this thread has clamped so far.</summary>
    public static long PastInt64 => t_pastInt64;

    private static long ClampToLong(double d)
    {
        if (d >= 9.2233720368547758E18 || d < -9.2233720368547758E18)
        {
            t_pastInt64++;
        }

        return (long)Math.Clamp(d, long.MinValue, long.MaxValue);
    }

    /// <summary>Reads the current value as a long; strings holding numbers are accepted; anything else yields <paramref name="fallback"/> and is skipped.</summary>
    public static long Long(ref Utf8JsonReader reader, long fallback = 0)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    return l;
                }

                return reader.TryGetDouble(out var d) && double.IsFinite(d) ? ClampToLong(d) : fallback;
            case JsonTokenType.String:
                var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
                if (Utf8Parser.TryParse(span, out long parsed, out var consumed) && consumed == span.Length)
                {
                    return parsed;
                }

                return double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var pd) && double.IsFinite(pd)
                    ? ClampToLong(pd)
                    : fallback;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return fallback;
            default:
                return fallback;
        }
    }

    public static int Int(ref Utf8JsonReader reader, int fallback = 0) => (int)Math.Clamp(Long(ref reader, fallback), int.MinValue, int.MaxValue);

    public static string? String(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    public static bool Bool(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return false;
            default:
                return false;
        }
    }

    /// <summary>Moves to the value of the current property and skips it.</summary>
    public static void SkipProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>True when the reader is on the start of an object; otherwise skips the (wrongly typed) value.</summary>
    public static bool IsObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    public static bool IsArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>Reads a flat object of string-ish values (Spark properties); also accepts Spark's older array-of-pairs form.</summary>
    public static void StringMap(ref Utf8JsonReader reader, Action<string, string> add)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString() ?? string.Empty;
                reader.Read();
                var value = String(ref reader);
                if (value is not null)
                {
                    add(key, value);
                }
            }

            return;
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                reader.Read();
                var key = String(ref reader);
                reader.Read();
                var value = reader.TokenType == JsonTokenType.EndArray ? null : String(ref reader);
                while (reader.TokenType != JsonTokenType.EndArray && reader.Read())
                {
                    reader.Skip();
                }

                if (key is not null && value is not null)
                {
                    add(key, value);
                }
            }

            return;
        }

        reader.Skip();
    }

    public static DateTimeOffset? Time(long epochMs) =>
        epochMs is > 0 and <= Model.InputBounds.MaxTimestampMs ? DateTimeOffset.FromUnixTimeMilliseconds(epochMs) : null;

    private static readonly System.Text.UTF8Encoding Encoding = new(false);
}
