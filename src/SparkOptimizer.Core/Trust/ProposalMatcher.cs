using System.Globalization;
using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// Which merged change a run ran under, read from what the run itself recorded: a run whose Spark properties hold every value of
/// a proposal ran under it, however the change reached the cluster (our pull request merged, or the same edit by hand). The
/// newest proposal wins when several match. Values compare as sizes ("8g" = "8192m"), numbers or text.
/// </summary>
public static class ProposalMatcher
{
    /// <summary>The fingerprint of the newest proposal (last in <paramref name="proposals"/>) the run's properties satisfy; null when none.</summary>
    public static string? Match(IReadOnlyDictionary<string, string> sparkProperties, IReadOnlyList<ProposedChangeSet> proposals)
    {
        ArgumentNullException.ThrowIfNull(sparkProperties);
        ArgumentNullException.ThrowIfNull(proposals);
        for (var i = proposals.Count - 1; i >= 0; i--)
        {
            var values = proposals[i].Values;
            if (values.Count > 0 && values.All(v => sparkProperties.TryGetValue(v.Key, out var actual) && SameValue(actual, v.Value)))
            {
                return proposals[i].Fingerprint;
            }
        }

        return null;
    }

    public static bool SameValue(string actual, string expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        var a = actual.Trim();
        var e = expected.Trim();
        if (string.Equals(a, e, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return x.Equals(y);
        }

        // Spark reads a bare memory number as MiB; "8g" and "8192m" and "8192" are one value.
        return ByteSize.TryParse(a, out var sa, ByteSize.MiB) && ByteSize.TryParse(e, out var se, ByteSize.MiB) && sa.Bytes == se.Bytes;
    }
}
