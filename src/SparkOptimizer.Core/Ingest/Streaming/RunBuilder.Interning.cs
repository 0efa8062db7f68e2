using System.Text.Json;

namespace SparkOptimizer.Ingest.Streaming;

internal sealed partial class RunBuilder
{
    // Executor ids repeat on every task end: the known executor's own id instance, found by the value's bytes.
    private string? InternExecutorId(ref Utf8JsonReader reader) => Lookup(ref reader, _executors, out _);

    private readonly Dictionary<string, string> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);

    private string? InternHost(ref Utf8JsonReader reader) => Intern(ref reader, _hosts);

    private string? InternReason(ref Utf8JsonReader reader) => Intern(ref reader, _reasons);

    /// <summary>Returns the one string instance for a repeated value, adding it to the pool when new.</summary>
    private static string? Intern(ref Utf8JsonReader reader, Dictionary<string, string> pool)
    {
        var value = Lookup(ref reader, pool, out var known);
        if (!known && value is not null && pool.Count < 100_000)
        {
            pool[value] = value;
        }

        return value;
    }

    /// <summary>
    /// The string value of the current token: the dictionary's own key when it has it (looked up by the value's bytes,
    /// without allocating), else a new string.
    /// </summary>
    private static string? Lookup<T>(ref Utf8JsonReader reader, Dictionary<string, T> pool, out bool known)
    {
        known = false;
        // Property names (executor metric names) are looked up the same way as string values.
        var text = reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName;
        if (!text || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 256)
        {
            return text ? reader.GetString() : JsonRead.String(ref reader);
        }

        Span<char> chars = stackalloc char[256];
        var n = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (pool.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..n], out var key, out _))
        {
            known = true;
            return key;
        }

        return new string(chars[..n]);
    }
}
