using System.Globalization;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing;

/// <summary>
/// Decides whether a new change set differs materially from one a reviewer rejected (Renovate's "ignore until it changes"):
/// a different set of keys always does; otherwise a value does when it moves by more than the tolerance (relative, for
/// numbers and Spark sizes like 2g) or, for any other value, when it is not equal.
/// </summary>
public static class MaterialChange
{
    public static bool IsMateriallyDifferent(IReadOnlyDictionary<string, string> rejected, IEnumerable<ValueChange> proposed, double tolerance)
    {
        var proposedByKey = proposed.GroupBy(c => c.Key.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().To.Trim(), StringComparer.Ordinal);
        if (!proposedByKey.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(rejected.Keys))
        {
            return true;
        }

        return proposedByKey.Any(p => !Close(rejected[p.Key], p.Value, tolerance));
    }

    private static bool Close(string a, string b, double tolerance)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        var (x, y) = (Number(a), Number(b));
        return x is { } u && y is { } v && Math.Abs(u - v) <= tolerance * Math.Max(Math.Abs(u), Math.Abs(v));
    }

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : MemoryQuantity.ParseSpark(value) is { } bytes ? bytes
        : null;
}
