using System.Security.Cryptography;
using System.Text;

namespace SparkOptimizer.Publishing;

/// <summary>What the publisher is asked to propose for one app: the values to change and the report for the PR body.</summary>
public sealed record ManifestChangeSet(
    AppIdentity App,
    ManifestLocation? ManifestOverride,
    IReadOnlyList<ValueChange> Changes,
    string ReportMarkdown)
{
    /// <summary>
    /// Identifies the proposal: a hash of the sorted (key, new value) pairs. <c>From</c> and <c>Reason</c> are left out so
    /// that the same target values proposed after another run keep the same fingerprint.
    /// </summary>
    public string Fingerprint => ComputeFingerprint(Changes);

    public static string ComputeFingerprint(IEnumerable<ValueChange> changes)
    {
        var canonical = string.Join('\n', changes
            .Select(c => $"{c.Key.Trim()}={c.To.Trim()}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
