using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// Decides what a trust level allows. The app's level is capped by the fleet-wide ceiling (a Helm value). A pull request also needs
/// changes that cleared the rails and the noise floor; auto-merge only for low-risk classes (AQE and partition settings, speculation),
/// never a memory decrease, never a cohort's first change, never from a learning cohort.
/// </summary>
public sealed class TrustPolicy(TrustLevel fleetCeiling = TrustLevel.AutoMerge)
{
    private static readonly string[] LowRiskPrefixes = ["spark.sql.adaptive.", "spark.speculation"];
    private static readonly string[] LowRiskKeys = ["spark.sql.shuffle.partitions", "spark.default.parallelism", "spark.sql.files.maxPartitionBytes", "spark.sql.files.openCostInBytes"];

    public TrustLevel FleetCeiling { get; } = fleetCeiling;

    public static bool IsLowRisk(ConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return LowRiskKeys.Contains(change.Key, StringComparer.Ordinal) || LowRiskPrefixes.Any(p => change.Key.StartsWith(p, StringComparison.Ordinal));
    }

    public TrustDecision Decide(TrustLevel requested, IReadOnlyList<ConfigChange> changes, SparkEnvironment env, Cohort cohort, NoiseDecision? noise = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(cohort);
        var reasons = new List<string>();
        var level = requested;
        if (level > FleetCeiling)
        {
            reasons.Add($"capped at the fleet ceiling {FleetCeiling}");
            level = FleetCeiling;
        }

        var prAllowed = level >= TrustLevel.PullRequest;
        if (prAllowed && changes.Count == 0)
        {
            reasons.Add("no change to propose");
            prAllowed = false;
        }

        if (prAllowed && noise is { Open: false })
        {
            reasons.Add(noise.Reason);
            prAllowed = false;
        }

        var autoMerge = prAllowed && level == TrustLevel.AutoMerge;
        if (autoMerge)
        {
            var risky = changes.Where(c => !IsLowRisk(c)).Select(c => c.Key).ToArray();
            if (risky.Length > 0)
            {
                reasons.Add($"not auto-merged: {string.Join(", ", risky)} outside the low-risk classes");
                autoMerge = false;
            }

            if (changes.Any(c => ExecutorMemory.IsMemoryKey(c.Key) && MemoryRatchet.Lowers(c, env)))
            {
                reasons.Add("not auto-merged: a memory decrease always waits for a person");
                autoMerge = false;
            }

            if (cohort.MergedChanges.Count == 0)
            {
                reasons.Add("not auto-merged: the cohort's first change always waits for a person");
                autoMerge = false;
            }

            if (cohort.LowConfidence)
            {
                reasons.Add($"not auto-merged: {cohort.Describe()}");
                autoMerge = false;
            }
        }

        var effective = autoMerge ? TrustLevel.AutoMerge : prAllowed ? TrustLevel.PullRequest : level >= TrustLevel.Recommend ? TrustLevel.Recommend : TrustLevel.Observe;
        return new TrustDecision(requested, effective, true, level >= TrustLevel.Recommend, prAllowed, autoMerge, reasons);
    }
}
