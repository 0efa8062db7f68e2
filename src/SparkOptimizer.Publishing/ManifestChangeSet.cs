using System.Security.Cryptography;
using System.Text;
using SparkOptimizer.Publishing.Manifests;

namespace SparkOptimizer.Publishing;

/// <summary>What the publisher is asked to propose for one app: the values to change and the report for the PR body.</summary>
public sealed record ManifestChangeSet(
    AppIdentity App,
    ManifestLocation? ManifestOverride,
    IReadOnlyList<ValueChange> Changes,
    string ReportMarkdown)
{
    /// <summary>Merge the pull request once opened (an app on the autoMerge trust level whose change set is low-risk); the publisher merges only its own head commit.</summary>
    public bool AutoMerge { get; init; }

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

    /// <summary>
    /// The change set that undoes a merged one (a regression after merge): replaced values go back, added keys are removed.
    /// Pod template limits we raised are left as they are: a higher limit is safe, and Spark sets the pod size itself.
    /// </summary>
    public static ManifestChangeSet RevertOf(AppIdentity app, ManifestLocation? location, IEnumerable<AppliedEdit> merged, string reportMarkdown) =>
        new(app, location,
            merged.Where(e => !e.Key.Contains(".podTemplate.", StringComparison.Ordinal))
                .Select(e => e.From is null
                    ? ValueChange.Remove(e.Key, e.To, $"revert: {e.Key} was added by a change that regressed")
                    : new ValueChange(e.Key, e.To, e.From, $"revert: {e.Key} back to {e.From}"))
                .ToList(),
            reportMarkdown);
}
