using SparkOptimizer.Operator.Entities.Optimization;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>The opt-in annotations on a SparkApplication or ScheduledSparkApplication (BRIEF.md).</summary>
public static class OptInAnnotations
{
    public const string Enabled = "sparkoptimizer.io/enabled";
    public const string Objective = "sparkoptimizer.io/objective";
    public const string Sla = "sparkoptimizer.io/sla";
    public const string Manifest = "sparkoptimizer.io/manifest";

    public static bool IsEnabled(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(Enabled, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The spec a new SparkOptimization starts with, from the app's annotations.</summary>
    public static SparkOptimizationSpec SpecFor(TargetReference target, IDictionary<string, string>? annotations)
    {
        string? Get(string key) => annotations is not null && annotations.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var objective = Get(Objective);
        return new SparkOptimizationSpec
        {
            Target = target,
            Objective = objective is Objectives.Cost or Objectives.Runtime or Objectives.Balanced ? objective : Objectives.Balanced,
            Sla = Get(Sla),
            Manifest = Get(Manifest),
            Mode = Modes.PullRequest,
            TrustLevel = TrustLevels.PullRequest,
        };
    }

    /// <summary>
    /// The spec fields the app's annotations set and the SparkOptimization does not hold yet (annotations win when
    /// present; fields without an annotation are left to whoever edits the SparkOptimization). Null: nothing to change.
    /// </summary>
    public static Dictionary<string, string>? SpecChanges(SparkOptimizationSpec spec, IDictionary<string, string>? annotations)
    {
        string? Get(string key) => annotations is not null && annotations.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var changes = new Dictionary<string, string>();
        if (Get(Objective) is { } objective && objective is Objectives.Cost or Objectives.Runtime or Objectives.Balanced && objective != spec.Objective)
        {
            changes["objective"] = objective;
        }

        if (Get(Sla) is { } sla && sla != spec.Sla)
        {
            changes["sla"] = sla;
        }

        if (Get(Manifest) is { } manifest && manifest != spec.Manifest)
        {
            changes["manifest"] = manifest;
        }

        return changes.Count == 0 ? null : changes;
    }
}
