using SparkOptimizer.Analysis;
using SparkOptimizer.Recommendation;
using Advice = SparkOptimizer.Analysis.Recommendation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// After the host's rails and the what-if check: a finding's recommendation shows the value that is applied, or says the
/// change was withheld and why, instead of showing a change the report's configuration list does not carry.
/// </summary>
public static class AppliedChanges
{
    public static IEnumerable<Finding> Keep(IReadOnlyList<Finding> findings, IReadOnlyList<ConfigChange> applied, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var byKey = applied.ToDictionary(c => c.Key, StringComparer.Ordinal);
        string Why(string key) => notes.FirstOrDefault(n => n.Contains(key, StringComparison.Ordinal)) ?? "withheld by the safety rails or the what-if check";
        Advice Final(Advice r) => r.Change switch
        {
            null => r,
            { } c when !byKey.TryGetValue(c.Key, out _) => r with { Change = null, Text = $"Not applied: {ConfValue.Describe(c)} ({Why(c.Key)})" },
            { } c when byKey[c.Key] is var final && (final.To != c.To || final.From != c.From) =>
                r with { Change = final, Text = ConfValue.Describe(final) + (final.Reason.Length > 0 ? $": {final.Reason}" : string.Empty) },
            _ => r,
        };
        foreach (var finding in findings)
        {
            var recs = finding.Recommendations.Select(Final).ToArray();
            yield return recs.SequenceEqual(finding.Recommendations) ? finding : finding with { Recommendations = recs };
        }
    }
}
