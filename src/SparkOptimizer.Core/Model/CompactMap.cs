using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SparkOptimizer.Model;

/// <summary>A small immutable string-to-long map in two sorted arrays: a fraction of a Dictionary's memory, for per-stage peaks.</summary>
public sealed class CompactMap : IReadOnlyDictionary<string, long>
{
    private readonly string[] _keys;
    private readonly long[] _values;

    public CompactMap(IEnumerable<KeyValuePair<string, long>> pairs)
    {
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        _keys = sorted.Select(p => p.Key).ToArray();
        _values = sorted.Select(p => p.Value).ToArray();
    }

    public static CompactMap Empty { get; } = new([]);

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<long> Values => _values;

    public long this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => Array.BinarySearch(_keys, key, StringComparer.Ordinal) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out long value)
    {
        var i = Array.BinarySearch(_keys, key, StringComparer.Ordinal);
        value = i >= 0 ? _values[i] : 0;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, long>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, long>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
