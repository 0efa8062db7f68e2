using SparkOptimizer.Analysis;
using SparkOptimizer.Recommendation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// After the what-if check: a finding's recommendation whose change the check withheld says so, instead of showing a
/// change the report's configuration list no longer carries.
/// </summary>
public static class AppliedChanges
{
    public static IEnumerable<Finding> Keep(IReadOnlyList<Finding> findings, IReadOnlyList<ConfigChange> applied, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var keys = applied.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var why = notes.FirstOrDefault(n => n.StartsWith("withheld", StringComparison.Ordinal)) ?? "withheld by the what-if check";
        foreach (var finding in findings)
        {
            if (finding.Recommendations.All(r => r.Change is null || keys.Contains(r.Change.Key)))
            {
                yield return finding;
                continue;
            }

            yield return finding with
            {
                Recommendations = finding.Recommendations
                    .Select(r => r.Change is { } c && !keys.Contains(c.Key) ? r with { Change = null, Text = $"Not applied: {ConfValue.Describe(c)} ({why})" } : r)
                    .ToArray(),
            };
        }
    }
}
