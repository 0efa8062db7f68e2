using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// Every emitted configuration goes through here: an infrastructure failure stops all tuning, then the memory ratchet, then the validator.
/// The order matters: the validator may drop a memory change that would not fit a node, but never lowers memory, so the ratchet still holds.
/// </summary>
public static class SafetyRails
{
    public static RailsResult Apply(IReadOnlyList<ConfigChange> changes, SparkEnvironment env, Cohort cohort, ValidationContext context, RunFailureClass latestFailure = RunFailureClass.None)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        if (latestFailure == RunFailureClass.Infrastructure)
        {
            return new RailsResult([], cohort.LowConfidence, latestFailure, ["the latest run failed for infrastructure reasons: conf is not tuned on it"]);
        }

        var ratchet = MemoryRatchet.Apply(changes, env, cohort);
        var notes = ratchet.Notes.ToList();
        var validated = SafetyValidator.Enforce(ratchet.Changes, env, context, notes);
        if (MemoryRatchet.Broken(validated, env, cohort) is { } broken)
        {
            // The validator dropped part of a memory change (a pinned key, say) and the rest alone breaks the ratchet: memory stays as it is.
            validated = validated.Where(c => !ExecutorMemory.IsMemoryKey(c.Key)).ToArray();
            notes.Add($"memory changes dropped: {broken} once the validator had run");
        }

        if (cohort.LowConfidence)
        {
            notes.Add($"{cohort.Describe()}: recommendations are low-confidence");
        }

        return new RailsResult(validated, cohort.LowConfidence, latestFailure, notes);
    }
}
