namespace SparkOptimizer.Analysis;

/// <summary>What to do about a finding: a configuration change, or a code hint where conf cannot help.</summary>
public sealed record Recommendation(RecommendationKind Kind, string Text, ConfigChange? Change = null, string? ExpectedImprovement = null)
{
    /// <summary>The stage a code hint concerns.</summary>
    public int? StageId { get; init; }

    /// <summary>The SQL execution and plan node (its simpleString) a code hint concerns.</summary>
    public long? SqlExecutionId { get; init; }

    public string? SqlNode { get; init; }

    /// <summary>The task count the change gives <see cref="StageId"/> (partition levers), so the replay can reshape that stage alone.</summary>
    public int? Partitions { get; init; }

    /// <summary>Why the finding asked for <see cref="Partitions"/> (the figures behind it), so the advice can be rewritten for another count.</summary>
    public string? Why { get; init; }
}
